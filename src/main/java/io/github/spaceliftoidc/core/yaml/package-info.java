/** A bounded YAML/JSON reader that keeps every node's line and column for error messages. */
package io.github.spaceliftoidc.core.yaml;
