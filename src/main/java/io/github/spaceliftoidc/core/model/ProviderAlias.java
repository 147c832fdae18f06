package io.github.spaceliftoidc.core.model;

/** An extra {@code provider "aws"} configuration of a stack, in another region, assuming the same role. */
public record ProviderAlias(String name, String region, Origin origin) {}
