// Writes the token files of builds 1 and 3 with the time of this build, as Spacelift would: a JWT whose signature
// is made-up bytes (explain never checks it). Build 2's token is in invoker.properties.
def b64 = { String text -> Base64.urlEncoder.withoutPadding().encodeToString(text.getBytes('UTF-8')) }
def P = 'production-01HND497T9JKR76MR3KA2CDJHP'
long iat = System.currentTimeMillis().intdiv(1000) - 60
def claims = [iss: 'https://demo.app.spacelift.io', aud: 'demo.app.spacelift.io',
    sub: "space:${P}:stack:network:run_type:TRACKED:scope:write", iat: iat, nbf: iat, exp: iat + 3600,
    jti: '6f1c2e9a-3b7d-4c1e-9f0a-2d8e7c6b5a41', spaceId: P, callerType: 'stack', callerId: 'network',
    runType: 'TRACKED', runId: '01JKZAHVAQHFM8CC3EA5HWRMP1', scope: 'write']
def json = '{' + claims.collect { k, v -> "\"${k}\":" + (v instanceof Number ? v : "\"${v}\"") }.join(',') + '}'
def header = b64('{"alg":"RS256","kid":"spacelift","typ":"JWT"}')
new File(basedir, 'fresh.oidc').text = header + '.' + b64(json) + '.' + b64('signature-of-the-fresh-token') + '\n'
new File(basedir, 'cut.oidc').text = header + '.' + b64(json) + '\n'
return true
