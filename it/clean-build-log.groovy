// Post-build hook of the examples (pom.xml, executions examples and examples-maven-4): an example builds without a
// single warning (but the quickstart's two, below), under Maven 3 and Maven 4 (.mvn/ marks each example's root for
// Maven 4).
// The invoker sets basedir to this script's directory as reached from the project, <project>/../../../it: the
// project is what precedes that suffix.
def suffix = '/../../../it'
assert basedir.path.endsWith(suffix) : "unexpected basedir ${basedir}"
def project = new File(basedir.path.substring(0, basedir.path.length() - suffix.length()))
def log = new File(project, 'build.log').text
// Maven 4 asks every remote repository for its list of path prefixes; where the network serves none (this machine's
// proxy answers 403, central.sonatype.com is out of reach), it warns. That is the network's doing, not the example's.
def environment = ~/^\[WARNING\] Could not transfer metadata \/\.meta\/prefixes\.txt from\/to .*/
def warnings = log.readLines().findAll { (it.startsWith('[WARNING]') || it.startsWith('[WARN]')) && !(it ==~ environment) }
// The quickstart keeps one role per stack on purpose, to show the warning that the README explains ("Pull
// requests"): each of its roles carries a write-capable policy that PROPOSED runs may assume. Exactly these two,
// once each; any other warning fails it like every other example.
def intended = [
    quickstart: [
        "[WARNING] spacelift-oidc.yaml:22:27: role 'spacelift-network' of account 'production' carries arn:aws:iam::aws:policy/AmazonVPCFullAccess, which can change AWS resources, and runs that should only read may assume it: stack 'network': PROPOSED runs (pull requests).",
        "[WARNING] spacelift-oidc.yaml:25:27: role 'spacelift-app' of account 'production' carries arn:aws:iam::aws:policy/PowerUserAccess, which can change AWS resources, and runs that should only read may assume it: stack 'app': PROPOSED runs (pull requests).",
    ],
]
def expected = intended.getOrDefault(project.name, [])
def unexplained = warnings.findAll { line -> !expected.any { line.startsWith(it) } }
assert unexplained.isEmpty() : "${project.name} logged warnings:\n" + unexplained.join('\n')
expected.each { start -> assert warnings.count { it.startsWith(start) } == 1 : "${project.name} did not warn once: ${start}" }
assert log.contains('BUILD SUCCESS')
return true
