#!/usr/bin/env bash
# Issue #4, measurement 2: a hung `nameserver 127.0.0.1` listed first, glibc against the agent.
# Everything happens inside a network namespace this script creates (loopback only, nothing leaves
# it) and deletes again, even on failure:
#   - 127.0.0.1:53  a hung DNS server (HungDnsServer: testkit's TestDnsServer with Fault.drop(),
#                   takes every query, answers none), standing for a local discovery client that hangs;
#   - 127.0.0.2:53  a working dnsmasq: address=/bench.test/192.0.2.1 and 2001:db8::1, cache-size=0;
#   - /etc/netns/NS/resolv.conf, hosts and nsswitch.conf, which `ip netns exec` mounts over /etc's
#     (the machine's own resolv.conf is never read or changed).
# Then, inside the namespace:
#   - glibc: `getent ahosts svc.bench.test`, one process per lookup, with the working server alone,
#     with the hung one first (options timeout:5 attempts:1), and with glibc's defaults (timeout 5, attempts 2);
#   - JVMs running LookupLoop (InetAddress.getAllByName of a new name per lookup): under the agent with
#     local=127.0.0.1:53;local.domains=*;nameservers=127.0.0.2, the same without local, and without the
#     agent at all (the JDK's resolver is glibc's getaddrinfo, with the same resolv.conf).
# Needs root (ip netns, port 53); without it, says so and exits 0.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/local-down-netns.sh [options]
  --runs N         getent runs with the hung server first, per resolv.conf variant (default 3; each ~5 s)
  --ok-runs N      getent runs with the working server alone (default 30)
  --jdk-lookups N  lookups of the JVM without the agent (default 2; each ~5 s)
  --lookups N      measured lookups of each agent JVM per phase: early (right after the first 3) and warm (default 2000)
  --warmup N       lookups of each agent JVM between the two phases, not counted (default 20000)
  --jvm-rounds N   agent JVMs per mode and JDK, the two modes alternating (default 3)
  --jdk HOME       a JDK home; repeat for several (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64
                   and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64, those that exist)
  --agent JAR      the agent (default: agent/target/resolvechain-agent.jar)
  --jar JAR        the benchmark jar (default: benchmarks/target/benchmarks.jar)
  --no-defaults    skip the glibc-defaults variant (timeout 5, attempts 2)
  --rows FILE      also write the performance table's rows (benchmarks/perf-table.sh)
  --quick          --runs 1 --ok-runs 10 --jdk-lookups 1 --lookups 1000 --warmup 5000 --jvm-rounds 1
  -h, --help       this text
USAGE
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=3
OK_RUNS=30
JDK_LOOKUPS=2
LOOKUPS=2000
WARMUP=20000
JVM_ROUNDS=3
DEFAULTS=1
ROWS=
JDKS=()
AGENT="$ROOT/agent/target/resolvechain-agent.jar"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --ok-runs) OK_RUNS=$2; shift 2 ;;
    --jdk-lookups) JDK_LOOKUPS=$2; shift 2 ;;
    --lookups) LOOKUPS=$2; shift 2 ;;
    --jvm-rounds) JVM_ROUNDS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --jdk) JDKS+=("$2"); shift 2 ;;
    --agent) AGENT=$(realpath "$2"); shift 2 ;;
    --jar) JAR=$(realpath "$2"); shift 2 ;;
    --no-defaults) DEFAULTS=0; shift ;;
    --rows) ROWS=$(realpath "$2"); : >"$ROWS"; shift 2 ;;
    --quick) RUNS=1; OK_RUNS=10; JDK_LOOKUPS=1; LOOKUPS=1000; WARMUP=5000; JVM_ROUNDS=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

. "$ROOT/benchmarks/netns-lib.sh"
netns_preflight local-down-netns.sh "$AGENT" "$JAR"
netns_default_jdks
netns_create local-down-netns.sh 'nameserver 127.0.0.2\n'

# ---- the servers, inside it
JAVA_SERVER="${JDKS[0]}/bin/java"
# not through in_ns: a function run with & is a subshell, and $! would be its pid instead of the server's
ip netns exec "$NS" "$JAVA_SERVER" -Xmx64m -cp "$JAR" dev.resolvechain.benchmarks.HungDnsServer 127.0.0.1 53 >"$TMP/hung.log" 2>&1 &
PIDS+=($!)
netns_dnsmasq 127.0.0.2 --log-queries --log-facility="$TMP/dnsmasq.log"
for _ in $(seq 1 100); do
  grep -q '^listening' "$TMP/hung.log" 2>/dev/null && in_ns getent ahosts ready.bench.test >/dev/null 2>&1 && break
  sleep 0.1
done
grep -q '^listening' "$TMP/hung.log" || { echo "the hung server did not start:" >&2; cat "$TMP/hung.log" >&2; exit 2; }
in_ns getent ahosts ready.bench.test >/dev/null || { echo "dnsmasq does not answer:" >&2; cat "$TMP/dnsmasq.log" >&2; exit 2; }

queries() { grep -c ' query\[' "$TMP/dnsmasq.log" || true; }

# One getent per run, timed with bash's $EPOCHREALTIME inside the namespace; each must print 192.0.2.1.
# Prints the milliseconds of each run, one per line.
cat >"$TMP/timeloop.sh" <<'LOOP'
runs=$1; shift
for _ in $(seq 1 "$runs"); do
  start=$EPOCHREALTIME
  out=$("$@" 2>&1) || { echo "FAILED: $* -> $out" >&2; exit 1; }
  end=$EPOCHREALTIME
  case "$out" in *192.0.2.1*) ;; *) echo "WRONG: $* -> $out" >&2; exit 1 ;; esac
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) * 1000 }'
done
LOOP


echo "resolvechain local client down, glibc vs the agent, in network namespace $NS ($(date -Iseconds))"
echo "  $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(getent --version | head -1); $(dnsmasq --version | head -1 | sed 's/  Copyright.*//')"
echo "  127.0.0.1:53 hung (HungDnsServer: TestDnsServer, Fault.drop); 127.0.0.2:53 dnsmasq (address=/bench.test/192.0.2.1 and 2001:db8::1, cache-size=0)"
echo "  the namespace's /etc/nsswitch.conf: hosts: files dns; /etc/hosts: localhost only"
echo

# ---- glibc
declare -A GLIBC
glibc_case() { # key title runs resolv.conf-text
  local key=$1 title=$2 runs=$3 conf=$4 before after
  printf '%b' "$conf" >"/etc/netns/$NS/resolv.conf"
  before=$(queries)
  in_ns bash "$TMP/timeloop.sh" "$runs" getent ahosts svc.bench.test >"$TMP/glibc-$key.ms"
  after=$(queries)
  read -r median min max < <(stats <"$TMP/glibc-$key.ms")
  GLIBC[$key]=$median
  printf '  %-58s %5d %10s %10s %10s %8s\n' "$title" "$runs" "$(fmt "$median")" "$(fmt "$min")" "$(fmt "$max")" \
    "$(awk -v q=$((after - before)) -v r="$runs" 'BEGIN { printf "%.1f", q / r }')"
}
echo "glibc: getent ahosts svc.bench.test, one process per lookup (wall ms, from fork to exit)"
printf '  %-58s %5s %10s %10s %10s %8s\n' "resolv.conf" "runs" "median ms" "min ms" "max ms" "dnsmasq queries/run"
glibc_case ok "nameserver 127.0.0.2 (the working server alone)" "$OK_RUNS" 'nameserver 127.0.0.2\n'
glibc_case hung "nameserver 127.0.0.1 (hung), 127.0.0.2; timeout:5 attempts:1" "$RUNS" \
  'nameserver 127.0.0.1\nnameserver 127.0.0.2\noptions timeout:5 attempts:1\n'
if [ "$DEFAULTS" = 1 ]; then
  glibc_case defaults "the same, glibc's defaults (timeout 5, attempts 2)" "$RUNS" 'nameserver 127.0.0.1\nnameserver 127.0.0.2\n'
fi
echo

# ---- JVMs, with the hung-first resolv.conf in force
printf 'nameserver 127.0.0.1\nnameserver 127.0.0.2\noptions timeout:5 attempts:1\n' >"/etc/netns/$NS/resolv.conf"
cp "/etc/netns/$NS/resolv.conf" "$TMP/resolv.conf"
printf '# empty\n' >"$TMP/hosts"
printf '# empty: the JDK resolver finds nothing here\n' >"$TMP/guard-hosts"
COMMON="nameservers=127.0.0.2;hostsFile=$TMP/hosts;resolvConf=$TMP/resolv.conf;log.level=warn"
LOCAL="local=127.0.0.1:53;local.domains=*;local.onDown=fallthrough;$COMMON"
echo "JVMs in the namespace (resolv.conf: the hung server first, timeout:5 attempts:1): InetAddress.getAllByName(n<i>.bench.test), a new name per lookup"
echo "  agent, local down:    -javaagent:resolvechain-agent.jar=local=127.0.0.1:53;local.domains=*;local.onDown=fallthrough;nameservers=127.0.0.2;..."
echo "  agent, no local tier: -javaagent:resolvechain-agent.jar=nameservers=127.0.0.2;...  (both: -Djdk.net.hosts.file=<empty file>)"
echo "  no agent:             the JDK's resolver: glibc getaddrinfo, the namespace's resolv.conf"
echo "  early: the $LOOKUPS lookups after the first 3; warm: $LOOKUPS more after $WARMUP not counted (the JIT has compiled the lookup path)"
printf '  %-4s %-22s %12s %12s %12s %16s %16s %13s\n' "JDK" "mode" "lookup 1 ms" "lookup 2 ms" "lookup 3 ms" "early median µs" "warm median µs" "warm p99 µs"
declare -A JVM
jvm_case() { # jdk key title java-options...
  local jdk=$1 key=$2 title=$3 out first
  shift 3
  local lookups=$LOOKUPS warmup=$WARMUP firsts=3
  if [ "$key" = noagent ]; then lookups=0; warmup=0; firsts=$JDK_LOOKUPS; fi
  out=$(in_ns "$jdk/bin/java" -Xms256m -Xmx256m "$@" -cp "$JAR" dev.resolvechain.benchmarks.LookupLoop \
    --name 'n%d.bench.test' --expect 192.0.2.1 --first "$firsts" --early "$lookups" --warmup "$warmup" --lookups "$lookups" 2>&1) || {
    echo "$title on $jdk failed:" >&2; echo "$out" >&2; exit 1; }
  local version f1 f2 f3 early median p99
  version=$(echo "$out" | awk '/^JDK /{ print $2; exit }')
  f1=$(echo "$out" | awk '$1 == "FIRST" && $2 == 1 { print $3 }')
  f2=$(echo "$out" | awk '$1 == "FIRST" && $2 == 2 { print $3 }')
  f3=$(echo "$out" | awk '$1 == "FIRST" && $2 == 3 { print $3 }')
  early=$(echo "$out" | awk '$1 == "STATS" && $2 == "early" { print $4 }')
  read -r median p99 < <(echo "$out" | awk '$1 == "STATS" && $2 == "warm" { print $4, $6 }') || true
  JVM[$version.$key]="${JVM[$version.$key]:-} ${median:-}"
  JVM[$version.$key.firsts]="${JVM[$version.$key.firsts]:-} $(echo "$out" | awk '$1 == "FIRST" { printf "%s ", $3 }')"
  JVM[$version.$key.early]="${JVM[$version.$key.early]:-} ${early:-}"
  printf '  %-4s %-22s %12s %12s %12s %16s %16s %13s\n' "${version%%.*}" "$title" "$(fmt "${f1:-0}")" \
    "${f2:+$(fmt "$f2")}" "${f3:+$(fmt "$f3")}" "${early:+$(fmt "$early")}" "${median:+$(fmt "$median")}" "${p99:+$(fmt "$p99")}"
  echo "$out" | grep -v -e '^JDK ' -e '^FIRST ' -e '^STATS ' | sed 's/^/       /' || true
  LAST_VERSION=$version
}
VERSIONS=()
for jdk in "${JDKS[@]}"; do
  for round in $(seq 1 "$JVM_ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="local nolocal"; else order="nolocal local"; fi
    for mode in $order; do
      if [ "$mode" = local ]; then
        jvm_case "$jdk" local "agent, local down" "-Djdk.net.hosts.file=$TMP/guard-hosts" "-javaagent:$AGENT=$LOCAL"
      else
        jvm_case "$jdk" nolocal "agent, no local tier" "-Djdk.net.hosts.file=$TMP/guard-hosts" "-javaagent:$AGENT=$COMMON"
      fi
    done
  done
  jvm_case "$jdk" noagent "no agent (glibc)"
  VERSIONS+=("$LAST_VERSION")
done
echo

echo "Summary: per lookup once the agent has marked the hung client down, against glibc paying the timeout"
for version in "${VERSIONS[@]}"; do
  local_us=$(echo "${JVM[$version.local]}" | median_of)
  nolocal_us=$(echo "${JVM[$version.nolocal]}" | median_of)
  local_early=$(echo "${JVM[$version.local.early]}" | median_of)
  nolocal_early=$(echo "${JVM[$version.nolocal.early]}" | median_of)
  printf '  JDK %s\n' "$version"
  printf '    agent, client down, warm:  %s µs per lookup (no local tier: %s µs, added %s µs, target < 1000 µs: %s); glibc pays %s ms: %sx\n' \
    "$(fmt "$local_us")" "$(fmt "$nolocal_us")" "$(fmt "$(awk -v a="$local_us" -v b="$nolocal_us" 'BEGIN { print a - b }')")" \
    "$(awk -v a="$local_us" -v b="$nolocal_us" 'BEGIN { print (a - b < 1000) ? "met" : "NOT met" }')" \
    "$(fmt "${GLIBC[hung]}")" "$(fmt "$(awk -v g="${GLIBC[hung]}" -v a="$local_us" 'BEGIN { print g * 1000 / a }')")"
  printf '    agent, client down, early: %s µs per lookup (no local tier: %s µs, added %s µs, target < 1000 µs: %s)\n' \
    "$(fmt "$local_early")" "$(fmt "$nolocal_early")" "$(fmt "$(awk -v a="$local_early" -v b="$nolocal_early" 'BEGIN { print a - b }')")" \
    "$(awk -v a="$local_early" -v b="$nolocal_early" 'BEGIN { print (a - b < 1000) ? "met" : "NOT met" }')"
  noagent_ms=$(echo "${JVM[$version.noagent.firsts]}" | median_of)
  printf '    the same JDK without the agent (glibc getaddrinfo): %s ms per lookup\n' "$(fmt "$noagent_ms")"
  perf_row vs-glibc-hung-first "$version" "InetAddress under the agent, a hung nameserver 127.0.0.1 listed first and marked down, warm" \
    "$(awk -v us="$local_us" 'BEGIN { print us / 1000 }')" "the same JDK without the agent (glibc, timeout:5 attempts:1)" "$noagent_ms" ms ratio
  perf_row vs-no-local-tier "$version" "InetAddress under the agent, a hung nameserver 127.0.0.1 listed first and marked down, warm" \
    "$local_us" "the agent without a local tier" "$nolocal_us" µs difference
done
echo "  (agent figures: the median of the JVMs' medians; glibc with the working server alone: $(fmt "${GLIBC[ok]}") ms per getent process, start-up included)"
