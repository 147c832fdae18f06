// Backdate the existing YAML, so that verify.groovy can tell that init did not rewrite it.
def yaml = new File(basedir, 'spacelift-oidc.yaml')
assert yaml.setLastModified(1000000000000L)
new File(basedir, 'before.txt').bytes = yaml.bytes
return true
