// prebuild.groovy checked the tree that the two interleaved builds left; build.log holds the invoker's two builds.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') } // not the pre-build script's part
assert builds.size() == 2
// 1. check passes on B's output, and B's fingerprint, recorded under the lock, still holds
assert builds[0].contains('[INFO] Spacelift OIDC output is up to date: 21 generated files match (1 AWS account, 20 stacks)')
assert builds[0].contains('[INFO] Spacelift OIDC output is up to date (inputs and outputs unchanged since the last run)')
// 2. A's fingerprint was recorded before B changed the tree, so generate with alpha.yaml does the work
assert !builds[1].contains('up to date (inputs and outputs unchanged')
assert builds[1].contains('Generated 21 files in 21 directories (1 AWS account, 20 stacks, 0 modules): 21 written, 0 unchanged, 21 deleted')
assert builds[1].contains('[INFO] Spacelift OIDC output is up to date: 21 generated files match')
assert new File(basedir, 'iam/alpha/spacelift-oidc-iam.tf').isFile() && !new File(basedir, 'iam/beta').exists()
return true
