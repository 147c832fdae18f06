/**
 * The Maven-free core: one request in, rendered and written Terraform (or a drift report) out.
 *
 * <p>The pipeline runs yaml, config, model, trust, plan, render, write. Its packages are layers, and each depends
 * only on layers below its own: 1 {@code problem} and {@code concurrent} (located problems and hints; parallel work),
 * 2 {@code yaml} and {@code write} and {@code token} (the I/O at the ends: read a located tree; own the files on
 * disk; decode a run's OIDC token), 3
 * {@code model} (the records), 4 {@code config} and {@code trust} (tree to model, which only this package uses;
 * subjects and trust policies), 5 {@code plan} (checked, resolved data), 6 {@code render} and {@code explain} and
 * {@code review} (the plan as HCL files; the plan's trust in words; its changes against the IAM files on disk), and
 * on top this package, which runs them in order. The tool around
 * the core (the Maven goals) sits above it all and names its own goals and parameters through
 * {@link io.github.spaceliftoidc.core.problem.Hints}; the core never does. {@code ProjectStructureTest} keeps the
 * layers, their order and the absence of cycles.
 */
package io.github.spaceliftoidc.core;
