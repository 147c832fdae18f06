/** Owns the generated files on disk: compares, writes atomically, deletes stale output, never touches others. */
package io.github.spaceliftoidc.core.write;
