// init in a directory with no pom.xml: it wrote the plugin's commented starter, byte for byte; explain then read it,
// also without a project.
def yaml = new File(basedir, 'spacelift-oidc.yaml')
assert yaml.isFile() : 'init writes spacelift-oidc.yaml in the current directory'
// The starter as the jar carries it (its schema URL filled in by the build).
def starter = new File(basedir, '../../classes/init/spacelift-oidc.yaml')
assert yaml.bytes == starter.bytes : 'the written file is the starter of the plugin'
assert !new File(basedir, 'pom.xml').exists()
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Wrote a starter ' + yaml.canonicalPath) || log.contains('[INFO] Wrote a starter ' + yaml.absolutePath)
assert log.contains('[INFO]     - stack `infra` in space `production`: PROPOSED runs, read only') : 'explain reads the starter'
assert log.contains('[INFO]     planning (PROPOSED runs, and tracked runs until they apply) as spacelift-infra-plan') : 'explain says which role the stack assumes in which phase'
assert !log.contains('[WARNING] spacelift-oidc.yaml') : 'the starter plans with a read-only role, so nothing warns'
assert !new File(basedir, 'iam').exists() : 'neither init nor explain generates Terraform'
assert log.count('BUILD SUCCESS') == 2
return true
