// The warnings as users read them in build.log, in each of the three builds.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { !it.isBlank() }
assert builds.size() == 3

def policy = "[WARNING] spacelift-oidc.yaml:13:27: role 'spacelift-web' of account 'production' carries" +
    " arn:aws:iam::aws:policy/PowerUserAccess, which can change AWS resources, and runs that should only read may" +
    " assume it: stack 'web': PROPOSED runs (pull requests) and tracked runs while they plan (scope read). Code that" +
    " nobody has reviewed could then write. Give stack 'web' a planRole with read-only policies (such as" +
    " ReadOnlyAccess) and keep this role for applying: pull requests then plan with the read-only role.\n"
def deprecated = "[WARNING] spacelift-oidc.yaml:30:22: stack 'web': dynamodbTable is deprecated from Terraform 1.11" +
    " on (its S3 backend says: the parameter \"dynamodb_table\" is deprecated, use parameter \"use_lockfile\"" +
    " instead). The backend already locks with the lock file too (useLockfile), so remove dynamodbTable once no run" +
    " of an older version uses the table.\n"

assert builds[0].contains(policy) : 'generate warns about the write-capable policy, with the fix'
assert builds[0].contains(deprecated) : 'generate warns about the deprecated dynamodbTable, naming the replacement'
assert !builds[0].contains("role 'spacelift-api'") : 'the stack with a read-only planRole warns about nothing'
assert builds[0].contains('[INFO] Generated 3 files')

assert builds[1].contains('[INFO] Spacelift OIDC output is up to date') : 'the second generate is skipped'
assert builds[1].contains(policy) && builds[1].contains(deprecated) : 'and it says the warnings again'

assert builds[2].contains("[INFO]     warning: role 'spacelift-web' of account 'production' carries" +
    " arn:aws:iam::aws:policy/PowerUserAccess") : 'explain shows the warning under the role'
assert builds[2].contains('[INFO]     planning (PROPOSED runs, and tracked runs until they apply) as spacelift-api-plan')
assert builds[2].contains('[INFO]   stack web (stacks/web): every run as spacelift-web, its S3 backend too')

def provider = new File(basedir, 'stacks/web/spacelift-oidc-provider.tf').text
assert provider.contains('use_lockfile   = true') && provider.contains('dynamodb_table = "terraform-locks"')
assert log.count('BUILD SUCCESS') == 3 : 'warnings fail nothing'
return true
