#!/usr/bin/env bash
# The performance table of docs/performance.md in one command: every measurement of this folder in turn, at HEAD,
# each beside its baseline in the same run, on JDK 17 and 25. A thin driver: PerfTableRun (in benchmarks.jar) runs
# the measurements, collects the rows each writes (--rows FILE), checks that none is missing and renders the table.
# It builds nothing: it needs this checkout's jars (mvn -o -q package -DskipTests; nothing is installed), and refuses
# jars older than a source file, whose figures would not be HEAD's.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
AGENT="$ROOT/agent/target/resolvechain-agent.jar"
JAVA=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java

usage() {
  cat <<'USAGE'
benchmarks/perf-table.sh: the performance table of docs/performance.md in one command (benchmarks/README.md).
Build first: mvn -o -q package -DskipTests.
USAGE
}

case " $* " in
  *" -h "* | *" --help "*)
    usage
    if [ -f "$JAR" ]; then exec "$JAVA" -cp "$JAR" dev.resolvechain.benchmarks.PerfTableRun --help; fi
    exit 0
    ;;
esac
if [ ! -f "$JAR" ] || [ ! -f "$AGENT" ]; then
  echo "perf-table.sh: no $JAR or $AGENT: build first (mvn -o -q package -DskipTests)" >&2
  exit 2
fi
stale=$(find "$ROOT"/core/src "$ROOT"/agent/src "$ROOT"/testkit/src "$ROOT"/benchmarks/src "$ROOT"/pom.xml "$ROOT"/*/pom.xml \
  -type f \( -newer "$JAR" -o -newer "$AGENT" \) -print -quit)
if [ -n "$stale" ]; then
  echo "perf-table.sh: $stale is newer than the jars: build first (mvn -o -q package -DskipTests)" >&2
  exit 2
fi
exec "$JAVA" -cp "$JAR" dev.resolvechain.benchmarks.PerfTableRun "$@"
