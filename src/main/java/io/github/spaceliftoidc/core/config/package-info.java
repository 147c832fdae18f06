/** Turns the located YAML tree into model records, reporting structural mistakes (types, keys) with positions. */
package io.github.spaceliftoidc.core.config;
