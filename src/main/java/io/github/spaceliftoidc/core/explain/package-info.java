/** Who may assume which role, in plain words, and which roles a given {@code sub} claim opens. */
package io.github.spaceliftoidc.core.explain;
