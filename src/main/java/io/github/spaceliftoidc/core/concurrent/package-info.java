/** Layer 1 of the core, on nothing: parallel work, results in input order, failures as a loop raises them. */
package io.github.spaceliftoidc.core.concurrent;
