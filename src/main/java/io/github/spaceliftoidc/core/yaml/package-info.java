/** Layer 2 of the core: a bounded YAML/JSON reader that keeps every node's line and column for messages. */
package io.github.spaceliftoidc.core.yaml;
