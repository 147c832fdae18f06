// Modules sharing one YAML and one output tree: each generates and cleans up only its own part, -T 2 writes what a
// serial build writes, and a rerun writes nothing.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { !it.isBlank() }
assert builds.size() == 3 : "expected 3 builds, found ${builds.size()}"

def tree = { File root ->
  def files = [:] as TreeMap
  // the lock file stays, empty, between runs: not output
  root.eachFileRecurse { f -> if (f.isFile() && f.name != '.spacelift-oidc.lock') files[root.toPath().relativize(f.toPath()).toString().replace('\\', '/')] = f.text }
  files
}
def serial = tree(new File(basedir, 'out/serial'))
def parallel = tree(new File(basedir, 'out/parallel'))
assert serial.keySet() == [
    '.spacelift-oidc.manifest',
    'iam/network/spacelift-oidc-iam.tf',
    'iam/workloads/spacelift-oidc-iam.tf',
    'stacks/app-a/spacelift-oidc-provider.tf',
    'stacks/app-b/spacelift-oidc-provider.tf',
    'stacks/data-a/spacelift-oidc-provider.tf',
    'stacks/network-a/main.tf',
    'stacks/network-a/spacelift-oidc-provider.tf',
    'stacks/network-b/spacelift-oidc-provider.tf'] as Set : "every module's files are there: ${serial.keySet()}"
assert serial == parallel : '-T 2 output differs from the serial build\'s'
assert serial['stacks/network-a/main.tf'].startsWith('# The stack\'s own, hand-written code')
assert !new File(basedir, 'out/parallel/stacks/retired').exists() : 'the stale files of a stack that left the YAML are gone'

// The shared manifest holds every module's entries with their owners.
def manifest = serial['.spacelift-oidc.manifest'].readLines().findAll { !it.startsWith('#') } as Set
assert manifest == [
    'account:network iam/network/spacelift-oidc-iam.tf',
    'account:workloads iam/workloads/spacelift-oidc-iam.tf',
    'stack:app-a stacks/app-a/spacelift-oidc-provider.tf',
    'stack:app-b stacks/app-b/spacelift-oidc-provider.tf',
    'stack:data-a stacks/data-a/spacelift-oidc-provider.tf',
    'stack:network-a stacks/network-a/spacelift-oidc-provider.tf',
    'stack:network-b stacks/network-b/spacelift-oidc-provider.tf'] as Set

def summaries = { String build -> build.readLines().findAll { it.contains(' written, ') }.collect { it.replaceFirst(/^\[INFO\] /, '') } }
// Each module generated only its own part (the order of modules in a -T 2 build varies).
def own = [
    'Generated 3 files in 3 directories (1 AWS account, 2 stacks, 0 modules): 3 written, 0 unchanged, 0 deleted',
    'Generated 3 files in 3 directories (1 AWS account, 2 stacks, 0 modules): 3 written, 0 unchanged, 0 deleted',
    'Generated 1 file in 1 directory (0 AWS accounts, 1 stack, 0 modules): 1 written, 0 unchanged, 0 deleted']
assert summaries(builds[0]).sort() == own.sort()
// In the parallel build, exactly one module deleted the retired stack's file.
def parallelSummaries = summaries(builds[1])
assert parallelSummaries.size() == 3
assert parallelSummaries.count { it.endsWith(', 1 deleted') } == 1
assert parallelSummaries.collect { it.replaceFirst(/, [01] deleted$/, ', 0 deleted') }.sort() == own.sort()
assert builds[1].contains('Using the MultiThreadedBuilder implementation with a thread count of 2')

// The rerun writes and deletes nothing.
def rerun = summaries(builds[2])
assert rerun.size() == 3
rerun.each { assert it.contains(': 0 written, ') && it.endsWith(' unchanged, 0 deleted') : it }

// check ran after generate in every module of every build, and passed; in the CI build (-Pci) also before it.
builds.eachWithIndex { build, i ->
  assert build.readLines().count { it.contains('Spacelift OIDC output is up to date: ') } == (i == 2 ? 6 : 3)
  assert build.contains('Spacelift OIDC output is up to date: 1 generated file matches (0 AWS accounts, 1 stack, 0 modules)')
  assert build.contains('BUILD SUCCESS')
}

['network', 'app', 'data'].each { module ->
  def ci = builds[2].readLines()
  def check = ci.findIndexOf { it.contains(":check (check-committed-output) @ $module ---") }
  def generate = ci.findIndexOf { it.contains(":generate (default) @ $module ---") }
  assert check >= 0 && generate > check : "$module: the CI check runs before generate"
}

// The app module's two-entry filter finds its fingerprint again in a new JVM: one stamp per output tree, not more.
def stamps = new File(basedir, 'app/target/spacelift-oidc').listFiles().findAll { it.name.startsWith('fingerprint-') }
assert stamps.size() == 2 : "one stamp for out/serial and one for out/parallel, found ${stamps*.name}"
return true
