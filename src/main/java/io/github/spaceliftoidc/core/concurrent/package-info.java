/** Deterministic parallel work for the core: results in input order, failures as a sequential run would raise them. */
package io.github.spaceliftoidc.core.concurrent;
