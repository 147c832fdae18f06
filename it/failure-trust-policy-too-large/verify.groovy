// Thirty stacks on one role make a 2,930-character trust policy: the first build fails at the role, naming both
// numbers and the ways out, and writes nothing; the second, with the quota raised, writes the files.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] spacelift-oidc.yaml:8:15: role 'spacelift-infra' of account 'production': its trust policy would be 2,930 characters (not counting whitespace), over the limit of 2,048, with 30 subject patterns. Replace per-stack subjects with a space-wide trust rule (trust: [{space: <name>, stack: \"*\"}]), or split the role; if AWS raised this account's quota, set the plugin parameter maxTrustPolicySize.\n")
assert log.contains('BUILD FAILURE')
assert log.contains('BUILD SUCCESS') : 'the second build, with -Dspacelift-oidc.maxTrustPolicySize=4096, passes'
assert log.indexOf('BUILD FAILURE') < log.indexOf('BUILD SUCCESS')
def iam = new File(basedir, 'iam/production/spacelift-oidc-iam.tf')
assert iam.text.contains('"space:production-01HND497T9JKR76MR3KA2CDJHP:stack:stack-number-29:run_type:*:scope:*",')
assert new File(basedir, 'stacks/stack-number-00/spacelift-oidc-provider.tf').isFile()
return true
