package io.github.spaceliftoidc.core.model;

/**
 * A Spacelift space.
 *
 * @param name the local name used in references
 * @param id {@code root}, {@code legacy}, a slug, or a slug and a ULID
 * @param path the space's path, needed only by subject templates with {@code {spacePath}}; may be null
 * @param parent the local name of the space it sits in, or null; trust rules with {@code subspaces} follow it
 */
public record Space(String name, String id, String path, String parent, Origin origin) {

  /** A space without a declared parent. */
  public Space(String name, String id, String path, Origin origin) {
    this(name, id, path, null, origin);
  }
}
