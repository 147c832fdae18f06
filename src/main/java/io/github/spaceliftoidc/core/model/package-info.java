/** Layer 3 of the core: the configuration as immutable records, each remembering where it was written. */
package io.github.spaceliftoidc.core.model;
