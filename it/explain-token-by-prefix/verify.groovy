// Three builds (invoker.properties); build.log holds them all, each starting with "Scanning for projects".
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('[INFO] Building ') }
assert builds.size() == 3 : "expected 3 builds, found ${builds.size()}"
def P = 'production-01HND497T9JKR76MR3KA2CDJHP'
def fresh = new File(basedir, 'fresh.oidc')
def lines = { String build -> build.readLines().findAll { it.startsWith('[INFO] ') }*.substring(7) }

// 1. A fresh token of a TRACKED run: every check is ok, and the stack's own role may assume it.
def one = lines(builds[0])
def start = one.findIndexOf { it.startsWith('The token in ') }
assert start >= 0 : builds[0]
assert one[start] == "The token in ${fresh.canonicalPath} (${fresh.text.strip().length()} characters), decoded here: no network call, and its signature is not checked, so this shows what the token claims, not that Spacelift signed it."
assert one[start + 1] == 'Its claims:'
assert one[start + 2] == '  iss         https://demo.app.spacelift.io'
assert one[start + 3] == '  aud         demo.app.spacelift.io'
assert one[start + 4] == "  sub         space:${P}:stack:network:run_type:TRACKED:scope:write"
assert one[start + 8] == '  jti         6f1c2e9a-3b7d-4c1e-9f0a-2d8e7c6b5a41'
assert one[start + 11] == '  callerId    network'
assert one[start + 15] == 'issuer    ok: https://demo.app.spacelift.io is the URL of the OIDC provider of account production.'
assert one[start + 16] == 'audience  ok: demo.app.spacelift.io is accepted (spacelift.audiences).'
assert one[start + 17] ==~ /time      ok: valid until \S+Z, another 5\d min \(issued (1|2|3|4|5)?\d (s|min) ago\)\./ : one[start + 17]
assert one[start + 18] == 'sub       a TRACKED run (scope write) of stack `network` in space `production`.'
assert one[start + 19] == 'This token may assume 1 role:'
assert one[start + 20] == "  - arn:aws:iam::123456789012:role/spacelift-network (account production), allowed by space:${P}:stack:network:run_type:TRACKED:scope:*"
assert builds[0].contains('BUILD SUCCESS')

// 2. token=env: an expired token of a TASK run, which the stack's own role does not trust either.
def two = lines(builds[1])
assert two.contains('The token in SPACELIFT_OIDC_TOKEN (641 characters), decoded here: no network call, and its signature is not checked, so this shows what the token claims, not that Spacelift signed it.')
assert two.contains('  iat         2024-03-02T10:00:00Z')
assert two.find { it.startsWith('time      ') } ==~ /time      REFUSED: the token expired \d+ days ago \(exp 2024-03-02T11:00:00Z\)\. A Spacelift token is valid for one hour: this one is from an earlier run, or its run took longer than that\./
assert two.contains('sub       a TASK run (scope write) of stack `network` in space `production`.')
assert two.contains('AWS refuses this token for every role: it has expired. Its sub would match no role either.')
assert two.contains("Stack `network`'s own role spacelift-network (account production) does not match the token's sub. Closest pattern: space:${P}:stack:network:run_type:PROPOSED:scope:*; it differs first in the run type: the token is for a TASK run (claim runType), but the pattern allows PROPOSED; the YAML trusts stack `network` in space `production`: TRACKED and PROPOSED runs, read and write (add TASK to its runTypes if such runs need the role).".toString())
assert builds[1].contains('BUILD SUCCESS')

// 3. A cut token: one [ERROR] line that says what is wrong, and no stack trace.
assert builds[2].contains('BUILD FAILURE')
assert builds[2].contains("[ERROR] Failed to execute goal io.github.spaceliftoidc:spacelift-oidc-maven-plugin:")
assert builds[2].contains("on project explain-token-by-prefix: The token in ${new File(basedir, 'cut.oidc').canonicalPath} has 2 parts separated by dots, but a signed JWT has 3 (header, claims, signature): was it cut or joined with something else when it was copied? -> [Help 1]\n".toString())
assert !log.contains('at io.github.spaceliftoidc') : 'no stack trace for a malformed token'

// The tokens themselves are never logged: neither signature, nor the claims part, appears in build.log.
def envToken = new File(basedir, 'invoker.properties').readLines().find { it.contains('SPACELIFT_OIDC_TOKEN.2') }.split(' = ')[1]
[fresh.text.strip(), envToken].each { token ->
  token.split('\\.').each { part -> assert !log.contains(part.take(20)) : 'build.log shows part of a token' }
}
assert !new File(basedir, 'iam').exists() : 'explain generates nothing'
return true
