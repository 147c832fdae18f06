// Post-build hook of the examples (pom.xml, executions examples and examples-maven-4): an example builds without a
// single warning, under Maven 3 and Maven 4 (.mvn/ marks each example's root for Maven 4).
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
assert warnings.isEmpty() : "${project.name} logged warnings:\n" + warnings.join('\n')
assert log.contains('BUILD SUCCESS')
return true
