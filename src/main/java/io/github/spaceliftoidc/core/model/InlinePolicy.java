package io.github.spaceliftoidc.core.model;

import io.github.spaceliftoidc.core.yaml.YNode;

/**
 * An inline policy of a role: either a JSON file next to the YAML or a document written inline.
 *
 * @param file the JSON file, relative to the YAML file's directory, or null
 * @param document the inline document (a YAML map, or a string of JSON), or null
 */
public record InlinePolicy(String name, String file, YNode document, Origin origin) {}
