#!/usr/bin/env bash
# Issue #5: a DNS cache miss, the agent's host tier against the JDK's built-in resolver (glibc's
# getaddrinfo), side by side against one dnsmasq. Everything happens inside two network namespaces this
# script creates (nothing leaves them) and deletes again, even on failure:
#   - NS, where the JVMs run, and NS-server, joined to it by a veth pair (198.18.0.1 and 198.18.0.2);
#   - 198.18.0.2:53 in NS-server, dnsmasq: address=/bench.test/192.0.2.1 and 2001:db8::1, cache-size=0
#     (with --loopback: on 127.0.0.1:53 in NS itself, as up to 060d296);
#   - /etc/netns/NS/resolv.conf (nameserver 198.18.0.2), hosts (localhost only) and nsswitch.conf
#     (hosts: files dns), which `ip netns exec` mounts over /etc's.
# JVMs running LookupLoop (InetAddress.getAllByName of a new name per lookup, so that no cache can
# answer), the two modes alternating, each JVM on its own:
#   - glibc:  no agent; -Dsun.net.inetaddr.ttl=0 (the JDK's cache off, as under the agent);
#   - agent:  -javaagent:resolvechain-agent.jar=resolvConf=<the namespace's resolv.conf>;hostsFile=<empty>.
# Both ask A and AAAA of every name (no IPv4/IPv6 preference set), and both read /etc/hosts first.
# Needs root (ip netns, port 53); without it, says so and exits 0.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/dns-miss-netns.sh [options]
  --lookups N      measured lookups per JVM per phase: early (right after the first 3) and warm (default 3000)
  --warmup N       lookups per JVM between the two phases, not counted (default 10000)
  --jvm-rounds N   JVMs per mode and JDK, the two modes alternating (default 3)
  --pause MS       each JVM waits this long after start before its first lookup (default 0)
  --jdk HOME       a JDK home; repeat for several (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64
                   and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64, those that exist)
  --agent JAR      the agent (default: agent/target/resolvechain-agent.jar)
  --jar JAR        the benchmark jar (default: benchmarks/target/benchmarks.jar)
  --loopback       dnsmasq on the namespace's own 127.0.0.1 instead of behind the veth pair
  --rows FILE      also write the performance table's rows (benchmarks/perf-table.sh)
  --first-only     sum up only each JVM's first lookup (with --pause: the first lookup later after start)
  --quick          --lookups 1000 --warmup 3000 --jvm-rounds 1
  -h, --help       this text
USAGE
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOOKUPS=3000
WARMUP=10000
JVM_ROUNDS=3
PAUSE=0
JDKS=()
AGENT="$ROOT/agent/target/resolvechain-agent.jar"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
LOOPBACK=0
ROWS=
FIRST_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --lookups) LOOKUPS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --jvm-rounds) JVM_ROUNDS=$2; shift 2 ;;
    --pause) PAUSE=$2; shift 2 ;;
    --jdk) JDKS+=("$2"); shift 2 ;;
    --agent) AGENT=$(realpath "$2"); shift 2 ;;
    --jar) JAR=$(realpath "$2"); shift 2 ;;
    --loopback) LOOPBACK=1; shift ;;
    --first-only) FIRST_ONLY=1; shift ;;
    --rows) ROWS=$(realpath "$2"); : >"$ROWS"; shift 2 ;;
    --quick) LOOKUPS=1000; WARMUP=3000; JVM_ROUNDS=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

. "$ROOT/benchmarks/netns-lib.sh"
netns_preflight dns-miss-netns.sh "$AGENT" "$JAR"
netns_default_jdks
if [ "$LOOPBACK" = 1 ]; then
  SERVER=127.0.0.1
  WHERE="the nameserver on the namespace's loopback"
  netns_create dns-miss-netns.sh 'nameserver 127.0.0.1\n'
else
  netns_create dns-miss-netns.sh 'nameserver 198.18.0.2\n'
  netns_veth_server
  SERVER=$SERVER_ADDRESS
  WHERE="the nameserver behind a veth pair"
fi
netns_dnsmasq "$SERVER"
for _ in $(seq 1 100); do
  in_ns getent ahosts ready.bench.test >/dev/null 2>&1 && break
  sleep 0.1
done
in_ns getent ahosts ready.bench.test >/dev/null || { echo "dnsmasq does not answer" >&2; exit 2; }
printf '# empty\n' >"$TMP/hosts"

echo "resolvechain DNS cache miss, the agent vs the JDK's resolver (glibc), in network namespace $NS ($(date -Iseconds), commit $(git -C "$(dirname "$0")/.." rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "  $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(getent --version | head -1); $(dnsmasq --version | head -1 | sed 's/  Copyright.*//')"
echo "  $SERVER:53 dnsmasq, $WHERE (address=/bench.test/192.0.2.1 and 2001:db8::1, cache-size=0); resolv.conf: nameserver $SERVER"
echo "  InetAddress.getAllByName(n<i>.bench.test), a new name per lookup; A and AAAA asked by both"
echo "  lookup 1: the first, $PAUSE ms after start; early: the $LOOKUPS lookups after the first 3; warm: $LOOKUPS more after $WARMUP not counted"
printf '  %-4s %-8s %12s %16s %16s %13s %13s\n' "JDK" "mode" "lookup 1 ms" "early median µs" "warm median µs" "warm p90 µs" "warm p99 µs"

declare -A JVM
jvm_case() { # jdk key java-options...
  local jdk=$1 key=$2 out
  shift 2
  out=$(in_ns "$jdk/bin/java" -Xms256m -Xmx256m "$@" -cp "$JAR" dev.resolvechain.benchmarks.LookupLoop \
    --name 'n%d.bench.test' --expect 192.0.2.1 --pause "$PAUSE" --first 3 --early "$LOOKUPS" --warmup "$WARMUP" --lookups "$LOOKUPS" 2>&1) || {
    echo "$key on $jdk failed:" >&2; echo "$out" >&2; exit 1; }
  local version f1 early median p90 p99
  version=$(echo "$out" | awk '/^JDK /{ print $2; exit }')
  f1=$(echo "$out" | awk '$1 == "FIRST" && $2 == 1 { print $3 }')
  early=$(echo "$out" | awk '$1 == "STATS" && $2 == "early" { print $4 }')
  read -r median p90 p99 < <(echo "$out" | awk '$1 == "STATS" && $2 == "warm" { print $4, $5, $6 }')
  JVM[$version.$key]="${JVM[$version.$key]:-} $median"
  JVM[$version.$key.early]="${JVM[$version.$key.early]:-} $early"
  JVM[$version.$key.first]="${JVM[$version.$key.first]:-} $f1"
  printf '  %-4s %-8s %12s %16s %16s %13s %13s\n' "${version%%.*}" "$key" "$(fmt "$f1")" "$(fmt "$early")" \
    "$(fmt "$median")" "$(fmt "$p90")" "$(fmt "$p99")"
  echo "$out" | grep -v -e '^JDK ' -e '^FIRST ' -e '^STATS ' | sed 's/^/       /' || true
  LAST_VERSION=$version
}
VERSIONS=()
for jdk in "${JDKS[@]}"; do
  for round in $(seq 1 "$JVM_ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="glibc agent"; else order="agent glibc"; fi
    for mode in $order; do
      if [ "$mode" = glibc ]; then
        jvm_case "$jdk" glibc -Dsun.net.inetaddr.ttl=0
      else
        jvm_case "$jdk" agent "-javaagent:$AGENT=resolvConf=/etc/netns/$NS/resolv.conf;hostsFile=$TMP/hosts;log.level=warn"
      fi
    done
  done
  VERSIONS+=("$LAST_VERSION")
done
echo

echo "Summary: the median of the JVMs' medians, µs per lookup (target: the agent no slower than glibc)"
for version in "${VERSIONS[@]}"; do
  phases=(warm early)
  [ "$FIRST_ONLY" = 1 ] && phases=()
  for phase in "${phases[@]}"; do
    suffix=$([ "$phase" = early ] && echo ".early" || true)
    glibc_us=$(echo "${JVM[$version.glibc$suffix]}" | median_of)
    agent_us=$(echo "${JVM[$version.agent$suffix]}" | median_of)
    if [ "$phase" = warm ]; then
      what="InetAddress.getAllByName, a new name per lookup, $WHERE, warm ($LOOKUPS lookups after $WARMUP; median of $JVM_ROUNDS JVMs)"
    else
      what="InetAddress.getAllByName, a new name per lookup, $WHERE, a JVM's $LOOKUPS lookups after its first 3 (median of $JVM_ROUNDS JVMs)"
    fi
    perf_row "$phase" "$version" "$what" "$agent_us" "glibc (the JDK's own resolver)" "$glibc_us" µs ratio
    printf '  JDK %-12s %-5s  glibc %8s   agent %8s   glibc / agent %5sx   %s\n' "$version" "$phase" "$(fmt "$glibc_us")" "$(fmt "$agent_us")" \
      "$(awk -v g="$glibc_us" -v a="$agent_us" 'BEGIN { printf "%.2f", g / a }')" \
      "$(awk -v g="$glibc_us" -v a="$agent_us" 'BEGIN { print (a <= g) ? "no slower: met" : "slower: NOT met" }')"
  done
  glibc_ms=$(echo "${JVM[$version.glibc.first]}" | median_of)
  agent_ms=$(echo "${JVM[$version.agent.first]}" | median_of)
  perf_row first-lookup "$version" "a JVM's first InetAddress.getAllByName, $PAUSE ms after start, $WHERE (median of $JVM_ROUNDS JVMs)" \
    "$agent_ms" "glibc (the JDK's own resolver)" "$glibc_ms" ms ratio
  printf '  JDK %-12s first lookup, %s ms after start, median of %s JVMs: glibc %s ms   agent %s ms   glibc / agent %5sx   %s\n' "$version" "$PAUSE" \
    "$JVM_ROUNDS" "$(fmt "$glibc_ms")" "$(fmt "$agent_ms")" "$(awk -v g="$glibc_ms" -v a="$agent_ms" 'BEGIN { printf "%.2f", g / a }')" \
    "$(awk -v g="$glibc_ms" -v a="$agent_ms" 'BEGIN { print (a <= g) ? "no slower: met" : "slower: NOT met" }')"
done
