/** The Maven-free core: one request in, rendered and written Terraform (or a drift report) out. */
package io.github.spaceliftoidc.core;
