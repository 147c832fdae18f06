/** Layer 5 of the core: checks values, references and AWS limits, and resolves the model into the plan's data. */
package io.github.spaceliftoidc.core.plan;
