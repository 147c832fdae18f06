/** Layer 6 of the core: who may assume which role, in plain words, and which roles a sub claim opens. */
package io.github.spaceliftoidc.core.explain;
