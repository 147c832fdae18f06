/** Layer 4 of the core: subject patterns and trust policies, derived only from what the YAML asks for. */
package io.github.spaceliftoidc.core.trust;
