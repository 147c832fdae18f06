// An unknown key fails the build at the key, with the close match and every allowed key; nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] spacelift-oidc.yaml:18:5: unknown key 'regoin' in stack 'infra'. Did you mean 'region'? Allowed keys: id, space, account, role, planRole, region, directory, runTypes, scopes, backend, aliases.\n")
assert log.contains('BUILD FAILURE')
assert !log.contains('at io.github.spaceliftoidc') : 'no stack trace for a user mistake'
assert !new File(basedir, 'iam').exists()
assert !new File(basedir, 'stacks').exists()
return true
