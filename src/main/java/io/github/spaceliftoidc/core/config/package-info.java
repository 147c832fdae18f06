/** Layer 4 of the core, for the core alone: binds the located YAML tree to the model, with positions. */
package io.github.spaceliftoidc.core.config;
