/** Layer 2 of the core: a Spacelift OIDC token, read and decoded here, with no network and no signature check. */
package io.github.spaceliftoidc.core.token;
