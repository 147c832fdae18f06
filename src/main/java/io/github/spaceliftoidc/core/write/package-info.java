/** Layer 2 of the core: owns the generated files on disk: compares, writes atomically, never touches others. */
package io.github.spaceliftoidc.core.write;
