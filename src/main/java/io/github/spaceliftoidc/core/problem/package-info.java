/** Layer 1 of the core, on nothing: located problems, the two kinds of failure, the tool's Hints, and safe text. */
package io.github.spaceliftoidc.core.problem;
