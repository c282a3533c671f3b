#!/usr/bin/env bash
# The dns tier against dnsjava's stock Lookup, side by side, on a dnsmasq on loopback (JMH):
# cache miss (A+AAAA, and A only), cache hit, and a tier without nameserver.
#
#   benchmarks/dns-miss.sh                 # 2 forks x (3 warm-up + 5 measured) x 1 s per benchmark, about 2 min
#   benchmarks/dns-miss.sh --quick         # 1 fork x (2 + 3) x 1 s, about 40 s
#   benchmarks/dns-miss.sh [JMH options]   # JMH options instead of the defaults, e.g. -f 1 -wi 1 -i 3 -rf json
#
# JAVA_HOME picks the JDK. Needs dnsmasq (Debian package dnsmasq-base); sends nothing off loopback and
# reads none of the machine's resolver files. The benchmark source is benchmarks/dns/ (compiled here,
# outside the Maven build, against core, testkit and dnsjava).
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
repo=${MAVEN_REPO:-$HOME/.m2/repository}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jmh=(-f 2 -wi 3 -i 5 -w 1s -r 1s)
if [ "${1:-}" = "--quick" ]; then
  jmh=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
  shift
elif [ $# -gt 0 ]; then
  jmh=()   # JMH options given: they replace the defaults
fi

mvn -q -o install -DskipTests -pl testkit,core
mvn -q -o dependency:build-classpath -pl core -Dmdep.includeScope=test -Dmdep.outputFile="$work/core.cp"
mvn -q -o dependency:build-classpath -pl benchmarks -Dmdep.includeScope=compile -Dmdep.outputFile="$work/jmh.cp"
jmh_version=$(tr ':' '\n' < "$work/jmh.cp" | sed -n 's#.*/jmh-core/\([^/]*\)/.*#\1#p' | head -1)
processor="$repo/org/openjdk/jmh/jmh-generator-annprocess/$jmh_version/jmh-generator-annprocess-$jmh_version.jar"
[ -f "$processor" ] || { echo "missing $processor (run: mvn dependency:get -Dartifact=org.openjdk.jmh:jmh-generator-annprocess:$jmh_version)" >&2; exit 1; }

cp="core/target/classes:testkit/target/classes:$(cat "$work/core.cp"):$(cat "$work/jmh.cp")"
"$javac" -d "$work/classes" -cp "$cp" -processorpath "$processor:$(cat "$work/jmh.cp")" \
  $(find benchmarks/dns -name '*.java')
"$java" -version 2>&1 | head -1
"$java" -cp "$work/classes:$cp" org.openjdk.jmh.Main "${jmh[@]}" "$@" 'dev.resolvechain.benchmarks.dns.DnsMissBenchmark'
