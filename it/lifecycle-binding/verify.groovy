// Bound to the lifecycle: generate-resources runs the goal with the execution's configuration.
def log = new File(basedir, 'build.log').text
assert log.contains('--- spacelift-oidc:') && log.contains(':generate (default) @ lifecycle-binding ---')
assert new File(basedir, 'infra/iam/production/spacelift-oidc-iam.tf').isFile()
assert new File(basedir, 'infra/stacks/infra/spacelift-oidc-provider.tf').isFile()
assert new File(basedir, 'infra/.spacelift-oidc.manifest').isFile()
assert !new File(basedir, 'iam').exists() : 'nothing outside the configured output directory'
return true
