package io.github.spaceliftoidc.core.model;

/**
 * A Spacelift space.
 *
 * @param name the local name used in references
 * @param id {@code root} or a slug and a ULID
 * @param path the space's path, needed only by subject templates with {@code {spacePath}}; may be null
 */
public record Space(String name, String id, String path, Origin origin) {}
