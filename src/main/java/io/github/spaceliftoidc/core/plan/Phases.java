package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.model.Stack;
import java.util.ArrayList;
import java.util.List;

/**
 * Which runs of a stack with a {@code planRole} reach which of its two roles, and so what each role must trust. It
 * follows from the phase table of the README (Spacelift's run types and token scopes, and what the engine's provider
 * can see) and from nothing else, always narrowed by the stack's own {@code runTypes} and {@code scopes}:
 *
 * <ul>
 *   <li>the apply role: the stack's run types but PROPOSED, and where the provider tells the phases apart only the
 *       {@code write} scope (a tracked run applies with a write token);
 *   <li>the plan role: PROPOSED runs (always {@code read}) and, with phases, tracked runs while they plan (either
 *       scope: an autodeploy stack plans with a write token);
 *   <li>the backend, from 1.6.0: the plan role in every phase (a backend block cannot choose), so the plan role
 *       trusts every run of the stack. Before 1.6.0 the backend uses the credentials the before_init script chose.
 * </ul>
 */
final class Phases {

  /** The run types of a stack (TESTING runs belong to modules). */
  static final List<RunType> STACK_RUN_TYPES = List.of(RunType.PROPOSED, RunType.TRACKED, RunType.TASK,
      RunType.DESTROY);

  private Phases() {}

  /** The runs a role is asked to trust for a stack: empty lists mean any, as in {@code Grant}. */
  record Runs(List<RunType> runTypes, List<Scope> scopes) {
    Runs {
      runTypes = List.copyOf(runTypes);
      scopes = List.copyOf(scopes);
    }
  }

  /** Everything the stack's own settings allow: what its role trusts without a plan role. */
  static Runs all(Stack stack) {
    return new Runs(stack.runTypes(), stack.scopes());
  }

  /** What the apply role must trust for the stack; empty when the stack never applies. */
  static List<Runs> apply(Stack stack, EngineFeatures features) {
    List<RunType> types = new ArrayList<>(stack.runTypes().isEmpty() ? STACK_RUN_TYPES : stack.runTypes());
    types.remove(RunType.PROPOSED);
    List<Scope> scopes = features.phaseAware() ? intersect(stack.scopes(), Scope.WRITE) : stack.scopes();
    return types.isEmpty() || scopes == null ? List.of() : List.of(new Runs(types, scopes));
  }

  /**
   * What the plan role must trust for the stack; empty when no run of the stack would assume it.
   *
   * @param backend whether the stack's S3 backend assumes the plan role (a backend from Terraform 1.6.0 on)
   */
  static List<Runs> plan(Stack stack, EngineFeatures features, boolean backend) {
    if (backend) {
      return List.of(all(stack));
    }
    List<Runs> runs = new ArrayList<>();
    List<Scope> read = intersect(stack.scopes(), Scope.READ);
    if (allows(stack, RunType.PROPOSED) && read != null) {
      runs.add(new Runs(List.of(RunType.PROPOSED), read));
    }
    if (features.phaseAware() && allows(stack, RunType.TRACKED)) {
      runs.add(new Runs(List.of(RunType.TRACKED), stack.scopes()));
    }
    return runs;
  }

  /**
   * Whether the stack's state is written with the credentials of a role that these runs reach: any run but a
   * PROPOSED one may apply, and applying writes the state.
   */
  static boolean writesState(List<Runs> runs) {
    return runs.stream().anyMatch(r -> r.runTypes().isEmpty() || r.runTypes().stream()
        .anyMatch(type -> type != RunType.PROPOSED));
  }

  private static boolean allows(Stack stack, RunType type) {
    return stack.runTypes().isEmpty() || stack.runTypes().contains(type);
  }

  /** The stack's scopes narrowed to {@code only}: [only] for any, null when they exclude it. */
  private static List<Scope> intersect(List<Scope> scopes, Scope only) {
    return scopes.isEmpty() || scopes.contains(only) ? List.of(only) : null;
  }
}
