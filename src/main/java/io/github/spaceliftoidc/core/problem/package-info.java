/** Layer 1 of the core, on nothing: located problems, the two kinds of failure, and the tool's Hints. */
package io.github.spaceliftoidc.core.problem;
