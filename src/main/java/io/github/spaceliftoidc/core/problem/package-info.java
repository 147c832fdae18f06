/** Located problems, collected across a whole run and reported at once, and the two kinds of failure. */
package io.github.spaceliftoidc.core.problem;
