package io.github.spaceliftoidc.core.plan;

/** A Spacelift module that uses a role; only its trust is generated. */
public record ModulePlan(String id, String space, String account, String role, String roleArn) {}
