// Every problem is reported at once, located, as an [ERROR] line; the build fails without a stack trace;
// nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] spacelift-oidc.yaml:5:9: account 'production': id '12345': an AWS account id is exactly 12 digits")
assert log.contains("[ERROR] spacelift-oidc.yaml:14:12: stack 'infra' names unknown space 'prodution' (known: production). Did you mean 'production'?")
assert log.contains('BUILD FAILURE')
assert !log.contains('at io.github.spaceliftoidc') : 'no stack trace for a user mistake'
assert !new File(basedir, 'iam').exists()
assert !new File(basedir, 'stacks').exists()
return true
