// A YAML syntax error fails the build with the parser's position and where the broken key began; no stack trace;
// nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] spacelift-oidc.yaml:7:5: YAML syntax error: could not find expected ':' (while scanning a simple key that starts at line 6, column 5); fix the YAML at this position (check indentation, quotes and colons)\n")
assert log.contains('The Spacelift OIDC configuration has 1 problem; nothing was written:')
assert log.contains('BUILD FAILURE')
assert !log.contains('at io.github.spaceliftoidc') : 'no stack trace for a user mistake'
assert !new File(basedir, 'iam').exists()
assert !new File(basedir, 'stacks').exists()
return true
