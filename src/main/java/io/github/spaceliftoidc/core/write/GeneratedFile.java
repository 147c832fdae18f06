package io.github.spaceliftoidc.core.write;

/**
 * A rendered file, not yet written.
 *
 * @param path relative to the output directory, with forward slashes
 * @param content the whole file, LF line endings, starting with the header line
 * @param owner what it belongs to, e.g. {@code stack:infra} or {@code account:production}
 */
public record GeneratedFile(String path, String content, String owner) {}
