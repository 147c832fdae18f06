// explain reads the YAML and writes nothing but the Markdown file it was asked for; build.log holds both runs.
// (Near misses, case sensitivity and wrong audiences are unit-tested in ExplainerTest and InitAndExplainMojoTest.)
def log = new File(basedir, 'build.log').text
def P = 'production-01HND497T9JKR76MR3KA2CDJHP'

// 1: every role with its ARN, its trusted runs in words and its patterns
assert log.contains('[INFO] Spacelift OIDC trust for https://demo.app.spacelift.io: 2 roles in 1 AWS account, each only for tokens with aud demo.app.spacelift.io.')
assert log.contains('[INFO]   role spacelift-network (arn:aws:iam::123456789012:role/spacelift-network) may be assumed by:')
assert log.contains('[INFO]     - stack `network` in space `production`: TRACKED and PROPOSED runs, read and write')
assert log.contains('[INFO]     - any stack in space `production`: PROPOSED runs, read only (trust rule 1)')
assert log.contains("[INFO]     subject patterns (StringLike on demo.app.spacelift.io:sub):\n[INFO]       space:${P}:stack:network:run_type:PROPOSED:scope:*\n[INFO]       space:${P}:stack:network:run_type:TRACKED:scope:*\n")
def markdown = new File(basedir, 'target/trust.md')
assert markdown.isFile() : 'explainFile is written'
assert markdown.text.startsWith('# Who can assume what\n')
assert markdown.text.contains("- `space:${P}:stack:*:run_type:PROPOSED:scope:read`")

// 2: a PROPOSED read run of network may assume both roles (its own, and app's space-wide rule)
assert log.contains("[INFO] sub 'space:${P}:stack:network:run_type:PROPOSED:scope:read': a PROPOSED run (scope read) of stack `network` in space `production`")
assert log.contains("[INFO] A run with aud 'demo.app.spacelift.io' with this sub may assume 2 roles:")
assert log.contains("[INFO]   - arn:aws:iam::123456789012:role/spacelift-network (account production), allowed by space:${P}:stack:network:run_type:PROPOSED:scope:*")
assert log.contains("[INFO]   - arn:aws:iam::123456789012:role/spacelift-app (account production), allowed by space:${P}:stack:*:run_type:PROPOSED:scope:read")

assert !new File(basedir, 'iam').exists() && !new File(basedir, 'stacks').exists() : 'explain generates nothing'
assert log.count('BUILD SUCCESS') == 2
return true
