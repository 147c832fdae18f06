package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Engine;
import io.github.spaceliftoidc.core.trust.Grant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the templates need, resolved and checked: the data model of the templates. It holds data only; the
 * renderer turns it into HCL.
 *
 * @param accounts one root module each
 * @param stacks one provider file each (and a hook script before Terraform 1.6)
 * @param modules Spacelift modules; they only add trust, nothing is generated for them
 */
public record GenerationPlan(
    SpaceliftPlan spacelift,
    TerraformPlan terraform,
    List<AccountPlan> accounts,
    List<StackPlan> stacks,
    List<ModulePlan> modules) {

  public GenerationPlan {
    accounts = List.copyOf(accounts);
    stacks = List.copyOf(stacks);
    modules = List.copyOf(modules);
  }

  /** The declared space ids (not prefixes) to the names the YAML gives them, for words about a token or a pattern. */
  public Map<String, String> spaceNamesById() {
    Map<String, String> names = new LinkedHashMap<>();
    for (StackPlan stack : stacks) {
      if (stack.spaceId() != null) {
        names.putIfAbsent(stack.spaceId(), stack.space());
      }
    }
    for (AccountPlan account : accounts) {
      for (RolePlan role : account.roles()) {
        for (Grant grant : role.grants()) {
          if (grant.spaceId() != null && grant.spaceName() != null && !grant.isSpacePrefix()) {
            names.putIfAbsent(grant.spaceId(), grant.spaceName());
          }
          grant.declaredSpaces().forEach(space -> names.putIfAbsent(space.id(), space.name()));
        }
      }
    }
    return names;
  }

  /**
   * The Spacelift account.
   *
   * @param issuerUrl {@code https://<hostname>}, the IAM OIDC provider's URL
   * @param subjectTemplates the {@code sub} formats the patterns are rendered through
   */
  public record SpaceliftPlan(
      String hostname, String issuerUrl, List<String> audiences, String tokenFile, List<String> subjectTemplates) {
    public SpaceliftPlan {
      audiences = List.copyOf(audiences);
      subjectTemplates = List.copyOf(subjectTemplates);
    }
  }

  /**
   * The Terraform that runs the output.
   *
   * @param legacy true below 1.6.0: no OIDC in the backend or provider, a before_init script instead
   * @param requiredVersion the IAM modules' {@code required_version}
   * @param engine Terraform or OpenTofu
   * @param phaseAware whether the provider tells the apply phase from planning with {@code terraform.applying}
   * @param applyRunTypes the run types whose provider (or before_init script) assumes a stack's apply role in every
   *     phase, where the stack has a plan role; the others use the plan role unless {@code terraform.applying}
   */
  public record TerraformPlan(String version, boolean legacy, String requiredVersion, String awsProviderVersion,
      Engine engine, boolean phaseAware, List<String> applyRunTypes) {
    public TerraformPlan {
      applyRunTypes = List.copyOf(applyRunTypes);
    }
  }
}
