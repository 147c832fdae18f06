/** Subject patterns and trust policies: what each role trusts, derived only from what the YAML asks for. */
package io.github.spaceliftoidc.core.trust;
