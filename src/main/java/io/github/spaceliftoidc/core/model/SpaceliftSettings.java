package io.github.spaceliftoidc.core.model;

import java.util.List;

/**
 * The Spacelift account whose tokens AWS should trust.
 *
 * @param hostname the issuer's host, e.g. {@code demo.app.spacelift.io}
 * @param audiences the accepted {@code aud} values; the hostname when not given
 * @param tokenFile where runs find the token
 * @param subjectTemplates the {@code sub} formats in use; several during a migration
 */
public record SpaceliftSettings(
    String hostname, List<String> audiences, String tokenFile, List<String> subjectTemplates, Origin origin) {

  public static final String DEFAULT_TOKEN_FILE = "/mnt/workspace/spacelift.oidc";
  public static final String DEFAULT_SUBJECT_TEMPLATE =
      "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";

  public SpaceliftSettings {
    audiences = List.copyOf(audiences);
    subjectTemplates = List.copyOf(subjectTemplates);
  }

  /** The OIDC issuer URL, as IAM wants it. */
  public String issuerUrl() {
    return "https://" + hostname;
  }
}
