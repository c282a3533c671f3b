#!/usr/bin/env bash
# Issue 11, "Measured": the host tier under faults, the agent against the JDK's own resolver (glibc's
# getaddrinfo), side by side in a network namespace, on each JDK. A thin driver: the work is done by
# FaultMatrixRunner (benchmarks/target/benchmarks.jar), which creates the namespace (testkit's Netns),
# its servers (two dnsmasq back ends, LossyRelay or DnsServerProcess fronts, a forwarding dnsmasq on
# 127.0.0.1:53 for the vipclient case) and the child JVMs, and deletes all of it again, even on failure.
# Nothing is sent anywhere but inside that namespace; the machine's resolv.conf and hosts are never read:
# glibc inside reads /etc/netns/NS/{resolv.conf,hosts,nsswitch.conf}. See benchmarks/README.md.
# Needs root (ip netns, port 53) and dnsmasq; without root, says so and exits 0.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/fault-matrix-netns.sh [options]
  --quick          a few lookups per scenario, one JVM each, glibc only where it is quick (~1.5 min)
  --only LIST      scenarios by number, e.g. 0,1,7 (default all, 0-8)
  --jdk HOME       a JDK home for the child JVMs; repeat for several (default: $JDK17 or
                   /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)
  --agent JAR      the agent (default: agent/target/resolvechain-agent.jar)
  --jar JAR        the benchmark jar (default: benchmarks/target/benchmarks.jar)
  --raw FILE       also write every lookup as tab-separated values
  --rows FILE      also write the performance table's rows (benchmarks/perf-table.sh)
  --out FILE       also write the output to FILE (e.g. benchmarks/results/fault-matrix-$(date +%F).txt)
  -h, --help       this text
USAGE
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGENT="$ROOT/agent/target/resolvechain-agent.jar"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
OUT=
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ARGS+=(--quick); shift ;;
    --only) ARGS+=(--only "$2"); shift 2 ;;
    --jdk) ARGS+=(--jdk "$2"); shift 2 ;;
    --raw) ARGS+=(--raw "$2"); shift 2 ;;
    --rows) ARGS+=(--rows "$2"); shift 2 ;;
    --agent) AGENT=$(realpath "$2"); shift 2 ;;
    --jar) JAR=$(realpath "$2"); shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

. "$ROOT/benchmarks/netns-lib.sh"
netns_preflight fault-matrix-netns.sh "$AGENT" "$JAR"
JAVA=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain -- core agent 2>/dev/null)" ]; then
  COMMIT="$COMMIT (core or agent changed since)"
fi

run() { "$JAVA" -cp "$JAR" dev.resolvechain.benchmarks.FaultMatrixRunner --agent "$AGENT" --commit "$COMMIT" "${ARGS[@]}"; }
if [ -n "$OUT" ]; then
  run 2>&1 | tee "$OUT"
  exit "${PIPESTATUS[0]}"
fi
run
