// The README's own-build pom (ReadmeTest holds the README's copy to this file) works as the README says, under
// Maven 3 and Maven 4 alike, and without a single warning: no empty jar, no "Unable to find the root directory".
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { !it.isBlank() }
assert builds.size() == 3 : "expected 3 builds, found ${builds.size()}"
assert builds[0].contains('[INFO] Wrote a starter ')
assert builds[1].contains('[INFO] Generated 2 files in 2 directories (1 AWS account, 1 stack, 0 modules): 2 written, 0 unchanged, 0 deleted')
assert builds[2].contains('[INFO] Spacelift OIDC output is up to date: 2 generated files match (1 AWS account, 1 stack, 0 modules)')
assert new File(basedir, 'iam/production/spacelift-oidc-iam.tf').isFile()
assert new File(basedir, 'stacks/infra/spacelift-oidc-provider.tf').isFile()
assert !new File(basedir, 'target/infrastructure-1.jar').exists() : 'packaging pom: no jar'
// As in ../clean-build-log.groovy: Maven 4's question for each repository's path prefixes fails on some networks.
def environment = ~/^\[WARNING\] Could not transfer metadata \/\.meta\/prefixes\.txt from\/to .*/
def warnings = log.readLines().findAll { (it.startsWith('[WARNING]') || it.startsWith('[WARN]')) && !(it ==~ environment) }
assert warnings.isEmpty() : "the README's pom builds without warnings, but the build logged:\n" + warnings.join('\n')
assert log.count('BUILD SUCCESS') == 3
return true
