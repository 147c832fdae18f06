#!/usr/bin/env bash
# The benchmark of README "Performance": spacelift-oidc:generate on synthetic organisations of 1,000 and 10,000
# stacks, against the floor (mvn validate + cp -r of the same output) measured in the same run, then the core alone
# in process (JMH). Needs only a JDK 17+ and Maven Central (through the Maven wrapper, Maven 3.9.12).
#
#   benchmark/run.sh                    everything (about 10 minutes on 2 idle cores)
#   benchmark/run.sh --runs 3           fewer measured rounds (default 5, after 1 warm-up round)
#   benchmark/run.sh --sizes 1000,10000 other organisation sizes (multiples of 100)
#   benchmark/run.sh --no-core          skip the JMH benchmark of the core
#   benchmark/run.sh --core-only        only the JMH benchmark
#
# The plugin is installed into a private local repository (target/benchmark/repo) with ~/.m2/repository as a
# read-only tail, never into ~/.m2 itself. The organisations are written to target/benchmark/org-<N>/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/benchmark
repo=$work/repo
tail=$HOME/.m2/repository

e2e=true
core=true
e2e_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-core) core=false; shift ;;
    --core-only) e2e=false; shift ;;
    --runs|--warmup|--sizes) e2e_args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

version=$(sed -n '/<artifactId>spacelift-oidc-maven-plugin<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q;}' pom.xml)
mkdir -p "$work"
echo "Installing the plugin $version into $repo ..."
./mvnw -B -q install -DskipTests -Dinvoker.skip=true -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$tail"
echo "Building the benchmark ..."
./mvnw -B -q -f benchmark/pom.xml package -Dplugin.version="$version" -Dmaven.repo.local="$repo" \
  -Dmaven.repo.local.tail="$tail"
classpath="benchmark/target/classes:$(cat benchmark/target/classpath.txt)"

if $e2e; then
  # The Maven 3.9.12 that the wrapper installed, called directly: the wrapper script's own start-up stays out of the
  # figures (it would add the same to every Maven measure).
  maven_home=$(./mvnw --version | sed -n 's/^Maven home: //p')
  java -cp "$classpath" io.github.spaceliftoidc.benchmark.EndToEnd --maven "$maven_home/bin/mvn" --repo "$repo" \
    --work "$work" --plugin-version "$version" ${e2e_args[@]+"${e2e_args[@]}"}
fi

if $core; then
  echo
  echo "The core alone, in process, 10,000 stacks (JMH: average ms per operation, warm JVM):"
  java -cp "$classpath" org.openjdk.jmh.Main io.github.spaceliftoidc.benchmark.CoreBenchmark -p stacks=10000 \
    -rf text -rff "$work/jmh.txt" 2>&1 | grep -E '^(Benchmark|CoreBenchmark)|ERROR|Exception' || true
fi
