// init never overwrites: the existing file keeps its content and its modification time.
def yaml = new File(basedir, 'spacelift-oidc.yaml')
assert yaml.bytes == new File(basedir, 'before.txt').bytes : 'content unchanged'
assert yaml.text.endsWith('# my own comment: init must keep this file exactly as it is\n')
assert yaml.lastModified() == 1000000000000L : 'modification time unchanged'
def log = new File(basedir, 'build.log').text
assert log.contains('spacelift-oidc.yaml already exists; left it as it is')
assert !log.contains('Wrote a starter')
assert log.contains('BUILD SUCCESS')
return true
