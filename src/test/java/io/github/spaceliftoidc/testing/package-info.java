/** Test support: the real Terraform CLI, golden files, and project paths. */
package io.github.spaceliftoidc.testing;
