/** Checks values and references, applies AWS limits, and resolves the model into the plan the templates render. */
package io.github.spaceliftoidc.core.plan;
