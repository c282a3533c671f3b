#!/usr/bin/env bash
# Start-up cost of the resolvechain agent: a hello world with no agent, with an empty agent (a
# premain that does nothing: the price of -javaagent itself) and with resolvechain, on each JDK;
# then a hello world that looks one name up, resolvechain (alias) against the JDK (hosts file).
# All commands run interleaved, in a new random order every round, after warm-up rounds; the table
# gives medians and median paired differences (same round). Then the agent's own install time
# (its log line at log.level=info) and a class-load timeline (-Xlog:class+load) of where it goes.
# With Netty's resolver jars (benchmarks/target/netty42, copied by mvn package) a hello world that also
# loads Netty's DnsNameResolver, with and without the agent (which weaves it as it loads); with
# --baseline-agent, hello world under an older agent build too (what the library hooks cost where the
# libraries are absent).
#
# Every file the JVMs read is written here first: the agent gets aliases=, hostsFile= and
# resolvConf= of its own, every JVM gets -Djdk.net.hosts.file=, so nothing reads the machine's
# /etc/hosts or /etc/resolv.conf, and no lookup leaves the process.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: benchmarks/startup.sh [options]
  --quick            6 measured rounds after 1 warm-up round, 3 install-time runs, 1 class-load run (about 20 s)
  --runs N           measured rounds; each round runs every command once (default 30)
  --warmup N         warm-up rounds, not counted (default 3)
  --install-runs N   runs at log.level=info per JDK for the agent's own install time (default 7)
  --classload-runs N runs of each hello per JDK with -Xlog:class+load for the timeline (default 3)
  --jdk PATH         a JDK home; repeat for several (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64
                     and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)
  --agent JAR        the agent (default: agent/target/resolvechain-agent.jar of this checkout)
  --baseline-agent JAR  also hello world under this agent (an older build), and the paired difference to it
  --netty DIR        Netty's resolver jars for the hello-netty commands (default: benchmarks/target/netty42;
                     if absent, those commands are left out)
  --netty-runs N     runs per JDK and command timing DnsNameResolver's class load inside the JVM (default 9)
  --out DIR          where the files, raw times and class-load logs go
                     (default: benchmarks/results/tmp/startup-DATE, git-ignored)
  --no-hyperfine     time with bash's own loop even if hyperfine is there
  --cpus LIST        run every JVM under taskset -c LIST (e.g. 0: one CPU, as in a CPU-limited container)
  --rows FILE        also write the performance table's rows (benchmarks/perf-table.sh): medians, agent against baseline
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=30
warmup=3
install_runs=7
classload_runs=3
agent="$root/agent/target/resolvechain-agent.jar"
baseline_agent=""
netty_dir="$root/benchmarks/target/netty42"
netty_runs=9
out=""
use_hyperfine=1
cpus=""
rows=""
jdks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) runs=6; warmup=1; install_runs=3; classload_runs=1; netty_runs=3 ;;
    --runs) runs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --install-runs) install_runs=$2; shift ;;
    --classload-runs) classload_runs=$2; shift ;;
    --jdk) jdks+=("$2"); shift ;;
    --agent) agent=$2; shift ;;
    --baseline-agent) baseline_agent=$2; shift ;;
    --netty) netty_dir=$2; shift ;;
    --netty-runs) netty_runs=$2; shift ;;
    --out) out=$2; shift ;;
    --no-hyperfine) use_hyperfine=0 ;;
    --cpus) cpus=$2; shift ;;
    --rows) rows=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ ${#jdks[@]} -eq 0 ]; then
  jdks=("${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}" "${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}")
fi
for jdk in "${jdks[@]}"; do
  [ -x "$jdk/bin/java" ] || { echo "no JDK at $jdk" >&2; exit 2; }
done
if [ ! -f "$agent" ]; then
  echo "no agent jar at $agent: build it first (mvn -q -o package -DskipTests) or pass --agent" >&2
  exit 2
fi
agent=$(cd "$(dirname "$agent")" && pwd)/$(basename "$agent")
if [ -n "$baseline_agent" ]; then
  [ -f "$baseline_agent" ] || { echo "no baseline agent jar at $baseline_agent" >&2; exit 2; }
  baseline_agent=$(cd "$(dirname "$baseline_agent")" && pwd)/$(basename "$baseline_agent")
fi
netty_cp=""
if compgen -G "$netty_dir/netty-resolver-dns-*.jar" > /dev/null; then
  netty_cp=$(printf '%s:' "$netty_dir"/*.jar); netty_cp=${netty_cp%:}
else
  echo "no Netty resolver jars in $netty_dir (mvn -q -o package -DskipTests copies them): the hello-netty commands are left out" >&2
fi
out=${out:-$root/benchmarks/results/tmp/startup-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# --- the timer: hyperfine if it is there (or can be installed), else bash's own `time`
if [ $use_hyperfine -eq 1 ] && ! command -v hyperfine >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing hyperfine (apt-get) ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1; } \
      || echo "could not install hyperfine: timing with bash's own loop"
  fi
fi
if [ $use_hyperfine -eq 1 ] && command -v hyperfine >/dev/null 2>&1; then
  timer="hyperfine $(hyperfine --version | awk '{print $2}') (-N, one run per command per round)"
else
  use_hyperfine=0
  timer="bash's time (wall and user+sys of the child, one run per command per round)"
fi

# --- the files the JVMs read
files=$out/files
mkdir -p "$files/aliases" "$out/classes"
cat > "$files/aliases/orders.hosts" <<'EOF'
# owner orders
127.0.10.1 orders-api orders-api.internal
127.0.10.2 orders-db orders-db.internal
127.0.10.3 orders-cache
EOF
cat > "$files/aliases/billing.hosts" <<'EOF'
# owner billing
127.0.11.1 billing-api billing-api.internal
127.0.11.2 billing-db
127.0.11.3 billing-queue
EOF
cat > "$files/aliases/search.hosts" <<'EOF'
# owner search
127.0.12.1 search-api
127.0.12.2 search-index search-index.internal
127.0.12.3 search-cache
EOF
{
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n'
  echo "# the alias files' entries, as a hosts file"
  grep -hv '^#' "$files"/aliases/*.hosts
} > "$files/hosts"
echo "# deliberately empty: a lookup that reaches the JDK's own resolver finds nothing here" > "$files/guard-hosts"
printf '# loopback only; nothing here is asked\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$files/resolv.conf"
name=orders-db
address=127.0.10.2

cat > "$out/classes/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
EOF
cat > "$out/classes/HelloLookup.java" <<'EOF'
import java.net.InetAddress;

public class HelloLookup {
    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[0]);
        if (!address.getHostAddress().equals(args[1])) {
            System.err.println(args[0] + " resolved to " + address + ", expected " + args[1]);
            System.exit(3);
        }
        System.out.println(address);
    }
}
EOF
# loads Netty's resolver class without initialising it (its static initialiser would read /etc/resolv.conf):
# the agent weaves it as it is defined; prints how long Class.forName took
cat > "$out/classes/HelloNetty.java" <<'EOF'
public class HelloNetty {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class.forName("io.netty.resolver.dns.DnsNameResolver", false, HelloNetty.class.getClassLoader());
        long nanos = System.nanoTime() - start;
        System.out.println("hello");
        System.out.printf(java.util.Locale.ROOT, "DnsNameResolver loaded in %.3f ms%n", nanos / 1e6);
        if (args.length > 0 && args[0].equals("check")) { // whether the agent hooked Netty as the class loaded (it does so to weave it)
            Object hook = Class.forName("dev.resolvechain.agent.boot.LibraryHooks").getField("netty").get(null);
            System.out.println("netty hook " + (hook != null ? "set" : "not set"));
        }
    }
}
EOF
# the empty agent is compiled apart: its class must load from its jar, as the real agent's does
mkdir -p "$out/empty-agent"
cat > "$out/empty-agent/EmptyAgent.java" <<'EOF'
import java.lang.instrument.Instrumentation;

public class EmptyAgent {
    public static void premain(String arguments, Instrumentation instrumentation) {
    }
}
EOF
printf 'Premain-Class: EmptyAgent\n' > "$out/empty-agent/manifest.mf"
"${jdks[0]}/bin/javac" --release 17 -d "$out/classes" "$out"/classes/*.java
"${jdks[0]}/bin/javac" --release 17 -d "$out/empty-agent" "$out/empty-agent/EmptyAgent.java"
(cd "$out/empty-agent" && "${jdks[0]}/bin/jar" cfm "$out/empty-agent.jar" manifest.mf EmptyAgent.class)

agent_args="aliases=$files/aliases;hostsFile=$files/hosts;resolvConf=$files/resolv.conf;log.level=warn"
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# --- the commands: names[i], cmds[i] (quoted for hyperfine -N and for eval)
names=()
cmds=()
features=()
versions=()
add() { # name, then the argument vector
  local name=$1 cmd="" arg
  shift
  if [ -n "$cpus" ]; then cmd="taskset -c $(q "$cpus") "; fi
  for arg in "$@"; do cmd+="$(q "$arg") "; done
  names+=("$name")
  cmds+=("$cmd")
}
for jdk in "${jdks[@]}"; do
  java=$jdk/bin/java
  f=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  features+=("$f")
  versions+=("$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')")
  # hello world: the same -Djdk.net.hosts.file in all three, so no JVM could read /etc/hosts
  add "$f/hello" "$java" "-Djdk.net.hosts.file=$files/guard-hosts" -cp "$out/classes" Hello
  add "$f/hello+empty" "$java" "-Djdk.net.hosts.file=$files/guard-hosts" "-javaagent:$out/empty-agent.jar" -cp "$out/classes" Hello
  add "$f/hello+agent" "$java" "-Djdk.net.hosts.file=$files/guard-hosts" "-javaagent:$agent=$agent_args" -cp "$out/classes" Hello
  if [ -n "$baseline_agent" ]; then
    add "$f/hello+baseline" "$java" "-Djdk.net.hosts.file=$files/guard-hosts" "-javaagent:$baseline_agent=$agent_args" -cp "$out/classes" Hello
  fi
  if [ -n "$netty_cp" ]; then
    # hello world with Netty's resolver on the class path and its DnsNameResolver loaded: without and with the agent
    add "$f/netty" "$java" "-Djdk.net.hosts.file=$files/guard-hosts" -cp "$out/classes:$netty_cp" HelloNetty
    add "$f/netty+agent" "$java" "-Djdk.net.hosts.file=$files/guard-hosts" "-javaagent:$agent=$agent_args" -cp "$out/classes:$netty_cp" HelloNetty
  fi
  # one lookup: the JDK from the hosts file, against resolvechain from the alias directory
  add "$f/lookup-jdk" "$java" "-Djdk.net.hosts.file=$files/hosts" -cp "$out/classes" HelloLookup "$name" "$address"
  add "$f/lookup+agent" "$java" "-Djdk.net.hosts.file=$files/guard-hosts" "-javaagent:$agent=$agent_args" -cp "$out/classes" HelloLookup "$name" "$address"
done

# --- check every command once: exit 0, the right output, nothing on stderr (the agent at warn is silent)
for i in "${!cmds[@]}"; do
  if ! eval "${cmds[$i]}" > "$out/check.out" 2> "$out/check.err"; then
    echo "command ${names[$i]} failed:" >&2; cat "$out/check.err" >&2; echo "  ${cmds[$i]}" >&2; exit 1
  fi
  if [ -s "$out/check.err" ]; then
    echo "command ${names[$i]} wrote to stderr:" >&2; cat "$out/check.err" >&2; exit 1
  fi
  case "${names[$i]}" in
    */lookup*) grep -q "$address" "$out/check.out" || { echo "${names[$i]}: wrong answer" >&2; exit 1; } ;;
    *) grep -qx hello "$out/check.out" || { echo "${names[$i]}: no hello" >&2; exit 1; } ;;
  esac
done

echo "resolvechain start-up benchmark, $(date -Iseconds)"
echo "  ${#cmds[@]} commands x ($warmup warm-up + $runs measured) rounds, interleaved in random order; timer: $timer"
echo "  $(nproc) cores${cpus:+, every JVM pinned to CPU(s) $cpus}; commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); raw data: $out"
for jdk in "${jdks[@]}"; do
  echo "  $jdk: $("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')"
done
echo "  agent: $agent ($(wc -c < "$agent") bytes)"
if [ -n "$baseline_agent" ]; then echo "  baseline agent: $baseline_agent ($(wc -c < "$baseline_agent") bytes)"; fi
if [ -n "$netty_cp" ]; then echo "  Netty: $(cd "$netty_dir" && ls *.jar | tr '\n' ' ')"; fi

# --- the rounds
raw=$out/times.tsv
: > "$raw"
total=$((warmup + runs))
started=$(date +%s)
for ((round = 1; round <= total; round++)); do
  order=$(shuf -i 0-$((${#cmds[@]} - 1)))
  if [ $use_hyperfine -eq 1 ]; then
    hargs=()
    for i in $order; do hargs+=(-n "${names[$i]}" "${cmds[$i]}"); done
    hyperfine -N --runs 1 --style none --export-csv "$out/round.csv" "${hargs[@]}" > /dev/null 2> "$out/hyperfine.err" \
      || { echo "hyperfine failed in round $round:" >&2; cat "$out/hyperfine.err" >&2; exit 1; }
    if [ $round -gt $warmup ]; then
      # command,mean,stddev,median,user,system,min,max (seconds)
      awk -F, -v r=$((round - warmup)) 'NR > 1 { printf "%d\t%s\t%.3f\t%.3f\n", r, $1, $2 * 1000, ($5 + $6) * 1000 }' "$out/round.csv" >> "$raw"
    fi
  else
    for i in $order; do
      t=$( { TIMEFORMAT='%3R %3U %3S'; time eval "${cmds[$i]}" > /dev/null 2>&1; } 2>&1 )
      if [ $round -gt $warmup ]; then
        echo "$t" | awk -v r=$((round - warmup)) -v n="${names[$i]}" '{ printf "%d\t%s\t%.3f\t%.3f\n", r, n, $1 * 1000, ($2 + $3) * 1000 }' >> "$raw"
      fi
    done
  fi
  if [ -t 2 ]; then printf '\r  round %d/%d (%d s)' "$round" "$total" $(($(date +%s) - started)) >&2; fi
done
if [ -t 2 ]; then printf '\n' >&2; fi
echo "  load average at end: $(cut -d' ' -f1-3 /proc/loadavg); $(($(date +%s) - started)) s of rounds"
echo

# --- the tables
# medians per command, and median paired differences within a round
awk -F'\t' -v features="${features[*]}" -v versions="${versions[*]}" -v rows="$rows" -v cpus="$cpus" '
  function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    if (n == 0) return "nan"
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function quartile(list, q,    n, a, i, j, t, k) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    k = int(q * (n - 1) + 1.5); if (k < 1) k = 1; if (k > n) k = n
    return a[k]
  }
  function diffs(f, a, b, what,    r, list) {
    list = ""
    for (r = 1; r <= maxround; r++)
      if ((f "/" a, r) in v && (f "/" b, r) in v) list = list " " (v[f "/" b, r, what] - v[f "/" a, r, what])
    return median(list)
  }
  # a row of the performance table: the medians of the agent command and of its baseline, in ms
  function row(key, i, what, value, baseline, base) {
    if (rows != "")
      printf "%s\t%s\t%s%s\t%.3f\t%s\t%.3f\tms\tdifference\n", key, vs[i], what, (cpus == "" ? "" : ", every JVM on CPU " cpus " (taskset)"),
        value, baseline, base > rows
  }
  {
    all[$2] = all[$2] " " $3; cpu[$2] = cpu[$2] " " $4
    v[$2, $1] = 1; v[$2, $1, "wall"] = $3; v[$2, $1, "cpu"] = $4
    if ($1 > maxround) maxround = $1
  }
  END {
    n = split(features, fs, " ")
    split(versions, vs, " ")
    for (i = 1; i <= n; i++) {
      f = fs[i]; agent = median(all[f "/hello+agent"])
      row("hello-wall", i, "hello world under the agent, wall", agent, "a plain JVM", median(all[f "/hello"]))
      row("hello-cpu", i, "hello world under the agent, CPU (user+sys)", median(cpu[f "/hello+agent"]), "a plain JVM", median(cpu[f "/hello"]))
      row("hello-vs-empty-agent", i, "hello world under the agent, wall", agent, "an empty -javaagent (a premain that does nothing)",
        median(all[f "/hello+empty"]))
      row("first-alias-lookup", i, "start and one InetAddress.getByName of an alias under the agent, wall", median(all[f "/lookup+agent"]),
        "the JDK reading the name from its hosts file", median(all[f "/lookup-jdk"]))
      if ((f "/netty", 1) in v)
        row("netty-class-load", i, "hello world that loads Netty'"'"'s DnsNameResolver, under the agent (woven as it loads), wall",
          median(all[f "/netty+agent"]), "the same without the agent", median(all[f "/netty"]))
      if ((f "/hello+baseline", 1) in v)
        row("vs-baseline-agent", i, "hello world under the agent, wall", agent, "the agent of --baseline-agent", median(all[f "/hello+baseline"]))
    }
    print "Start-up, hello world (wall ms, median of " maxround " interleaved runs; added = median of the per-round differences)"
    printf "%-4s %12s %15s %16s %10s %13s %8s %11s %17s %12s\n", "JDK", "baseline ms", "empty-agent ms", "resolvechain ms", "added ms", "added vs empty", "ratio", "added CPU ms", "baseline p25..p75", "target 50/100"
    for (i = 1; i <= n; i++) {
      f = fs[i]
      base = median(all[f "/hello"]); empty = median(all[f "/hello+empty"]); agent = median(all[f "/hello+agent"])
      added = diffs(f, "hello", "hello+agent", "wall")
      printf "%-4s %12.1f %15.1f %16.1f %10.1f %13.1f %8.2f %11.1f %8.1f..%-8.1f %12s\n", f, base, empty, agent, added,
        diffs(f, "hello+empty", "hello+agent", "wall"), agent / base, diffs(f, "hello", "hello+agent", "cpu"),
        quartile(all[f "/hello"], 0.25), quartile(all[f "/hello"], 0.75),
        (added <= 50 && diffs(f, "hello", "hello+agent", "cpu") <= 100 ? "met" : "NOT met")
    }
    print ""
    print "Start-up plus one InetAddress.getByName(\"" name "\") (wall ms, medians as above)"
    printf "%-4s %20s %23s %10s %8s %11s\n", "JDK", "JDK hosts file ms", "resolvechain alias ms", "added ms", "ratio", "added CPU ms"
    for (i = 1; i <= n; i++) {
      f = fs[i]
      jdk = median(all[f "/lookup-jdk"]); agent = median(all[f "/lookup+agent"])
      printf "%-4s %20.1f %23.1f %10.1f %8.2f %11.1f\n", f, jdk, agent, diffs(f, "lookup-jdk", "lookup+agent", "wall"), agent / jdk,
        diffs(f, "lookup-jdk", "lookup+agent", "cpu")
    }
    if (("" fs[1] "/hello+baseline", 1) in v) {
      print ""
      print "Hello world, no library present: resolvechain against the baseline agent (wall ms, medians as above; target: within 5 ms)"
      printf "%-4s %17s %16s %10s %11s %10s\n", "JDK", "baseline agent ms", "resolvechain ms", "added ms", "added CPU ms", "target <=5"
      for (i = 1; i <= n; i++) {
        f = fs[i]; added = diffs(f, "hello+baseline", "hello+agent", "wall")
        printf "%-4s %17.1f %16.1f %10.1f %11.1f %10s\n", f, median(all[f "/hello+baseline"]), median(all[f "/hello+agent"]), added,
          diffs(f, "hello+baseline", "hello+agent", "cpu"), (added <= 5 ? "met" : "NOT met")
      }
    }
    if (("" fs[1] "/netty", 1) in v) {
      print ""
      print "Hello world that loads the DnsNameResolver class of Netty (4.2 on the class path), without and with the agent (wall ms, medians as above)"
      printf "%-4s %10s %16s %10s %8s %11s %18s %20s\n", "JDK", "netty ms", "netty+agent ms", "added ms", "ratio", "added CPU ms", "Netty itself", "weaving (diff-diff)"
      for (i = 1; i <= n; i++) {
        f = fs[i]; base = median(all[f "/netty"]); agent = median(all[f "/netty+agent"])
        # weaving: per round, (netty+agent - netty) - (hello+agent - hello)
        list = ""
        for (r = 1; r <= maxround; r++)
          if ((f "/netty", r) in v && (f "/hello", r) in v)
            list = list " " ((v[f "/netty+agent", r, "wall"] - v[f "/netty", r, "wall"]) - (v[f "/hello+agent", r, "wall"] - v[f "/hello", r, "wall"]))
        printf "%-4s %10.1f %16.1f %10.1f %8.2f %11.1f %18.1f %20.1f\n", f, base, agent, diffs(f, "netty", "netty+agent", "wall"), agent / base,
          diffs(f, "netty", "netty+agent", "cpu"), diffs(f, "hello", "netty", "wall"), median(list)
      }
      print "Netty itself: netty - hello (no agent); weaving: the added ms of the agent with Netty less its added ms without (same round)."
    }
    print ""
    print "CPU ms = user + sys of the JVM process (all its threads); less disturbed by other load than wall time."
  }' name="$name" "$raw" | tee "$out/summary.txt"

# --- the agent's own install time, as it logs it at log.level=info
echo | tee -a "$out/summary.txt"
echo "The agent's own install time (its log line at log.level=info; median of $install_runs runs, interleaved)" | tee -a "$out/summary.txt"
info_args="${agent_args/log.level=warn/log.level=info}"
: > "$out/install.tsv"
for ((k = 1; k <= install_runs; k++)); do
  for idx in "${!jdks[@]}"; do
    # HelloLookup, not Hello: the chain is built on a thread of its own, and a hello world may exit before it says so
    "${jdks[$idx]}/bin/java" "-Djdk.net.hosts.file=$files/guard-hosts" "-javaagent:$agent=$info_args" -cp "$out/classes" HelloLookup "$name" "$address" 2>&1 >/dev/null \
      | sed -n 's/.*installed on JDK \([0-9]*\) in \([0-9]*\) ms.*/\1\t\2/p' >> "$out/install.tsv"
  done
done
for idx in "${!jdks[@]}"; do
  f=${features[$idx]}
  awk -F'\t' -v f="$f" '$1 == f { print $2 }' "$out/install.tsv" | sort -n \
    | awk -v f="$f" '{ a[NR] = $1 } END { if (NR == 0) { print "  JDK " f ": no log line"; exit }
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "  JDK %s: installed in %s ms (median; min %s, max %s; from premain entry to the chain built, which a lookup at the top of main waits for)\n", f, m, a[1], a[NR] }' \
    | tee -a "$out/summary.txt"
done

med() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# --- DnsNameResolver's class load timed inside the JVM: Byte Buddy's weaving happens in it
if [ -n "$netty_cp" ]; then
  echo | tee -a "$out/summary.txt"
  echo "Class.forName(\"io.netty.resolver.dns.DnsNameResolver\", false, ...) inside HelloNetty (ms, median of $netty_runs runs, interleaved)" | tee -a "$out/summary.txt"
  : > "$out/netty-load.tsv"
  for ((k = 1; k <= netty_runs; k++)); do
    for idx in "${!jdks[@]}"; do
      f=${features[$idx]}
      "${jdks[$idx]}/bin/java" "-Djdk.net.hosts.file=$files/guard-hosts" -cp "$out/classes:$netty_cp" HelloNetty \
        | sed -n "s/DnsNameResolver loaded in \(.*\) ms/$f\tnetty\t\1/p" >> "$out/netty-load.tsv"
      # the hook is set as the first library class is woven; a weave that fails says so at WARN
      "${jdks[$idx]}/bin/java" "-Djdk.net.hosts.file=$files/guard-hosts" "-javaagent:$agent=$agent_args" -cp "$out/classes:$netty_cp" HelloNetty check \
        > "$out/netty-agent.out" 2> "$out/netty-agent.err"
      { grep -q 'netty hook set' "$out/netty-agent.out" && ! grep -q 'cannot weave' "$out/netty-agent.err"; } \
        || { echo "JDK $f: the agent did not weave DnsNameResolver:" >&2; cat "$out/netty-agent.out" "$out/netty-agent.err" >&2; exit 1; }
      sed -n "s/DnsNameResolver loaded in \(.*\) ms/$f\tnetty+agent\t\1/p" "$out/netty-agent.out" >> "$out/netty-load.tsv"
    done
  done
  for idx in "${!jdks[@]}"; do
    f=${features[$idx]}
    without=$(awk -F'\t' -v f="$f" '$1 == f && $2 == "netty" { print $3 }' "$out/netty-load.tsv" | med)
    with=$(awk -F'\t' -v f="$f" '$1 == f && $2 == "netty+agent" { print $3 }' "$out/netty-load.tsv" | med)
    awk -v f="$f" -v a="$without" -v b="$with" 'BEGIN { printf "  JDK %s: without the agent %.1f ms, with it %.1f ms (woven: its hook was set): +%.1f ms\n", f, a, b, b - a }' \
      | tee -a "$out/summary.txt"
  done
fi

# --- class-load timeline: where the time between premain and main goes
{
echo
echo "Class-load timeline: $classload_runs runs of each hello with -Xlog:class+load:file=<log>:uptime (the logging slows"
echo "loading a little). The agent starts where ResolveChainAgent loads; it is done when the main class (Hello) loads."
} | tee -a "$out/summary.txt"
main_at() { awk '$2 == "Hello" { gsub(/[\[\]s]/, "", $1); print $1 * 1000; exit }' "$1"; }
agent_at() { awk -v c="${2:-dev.resolvechain.agent.boot.ResolveChainAgent}" '$2 == c { gsub(/[\[\]s]/, "", $1); print $1 * 1000; exit }' "$1"; }
for idx in "${!jdks[@]}"; do
  jdk=${jdks[$idx]}; f=${features[$idx]}
  for ((k = 1; k <= classload_runs; k++)); do
    for v in hello hello+empty hello+agent; do
      case $v in
        hello) extra=() ;;
        hello+empty) extra=("-javaagent:$out/empty-agent.jar") ;;
        hello+agent) extra=("-javaagent:$agent=$agent_args") ;;
      esac
      "$jdk/bin/java" "-Xlog:class+load:file=$out/classload-$f-$v-$k.log:uptime" "-Djdk.net.hosts.file=$files/guard-hosts" \
        ${extra[@]+"${extra[@]}"} -cp "$out/classes" Hello > /dev/null
    done
  done
  base_main=$(for l in "$out/classload-$f-hello-"*.log; do main_at "$l"; done | med)
  empty_main=$(for l in "$out/classload-$f-hello+empty-"*.log; do main_at "$l"; done | med)
  empty_agent=$(for l in "$out/classload-$f-hello+empty-"*.log; do agent_at "$l" EmptyAgent; done | med)
  # the agent run whose agent window (ResolveChainAgent to Hello) is the median one
  log=$(for l in "$out/classload-$f-hello+agent-"*.log; do
          echo "$(awk -v a="$(agent_at "$l")" -v m="$(main_at "$l")" 'BEGIN { print m - a }') $l"; done \
        | sort -n | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
  cp "$log" "$out/classload-$f-agent-median.log"
  awk -v f="$f" -v base="$base_main" -v empty="$empty_main" -v emptyagent="$empty_agent" -v agentjar="$agent" -v shaded="dev.resolvechain.agent.shaded." '
    function ms(s) { gsub(/[\[\]s]/, "", s); return s * 1000 }
    function short(c) { sub(/^dev\.resolvechain\.agent\.shaded\./, "", c); sub(/^dev\.resolvechain\.agent\./, "agent.", c); return c }
    # closes the interval that ends at an agent class (or at the main class)
    function close_interval(t, cls) {
      ni++; dur[ni] = t - last_t; from[ni] = last_cls; to[ni] = cls; ncls[ni] = in_count; hint[ni] = in_hint
      last_t = t; last_cls = cls; in_count = 0; in_hint = ""; in_seen = 0
    }
    {
      t = ms($1); cls = $2; src = $0; sub(/.* source: /, "", src)
      if (cls == "dev.resolvechain.agent.boot.ResolveChainAgent" && start == "") { start = t; last_t = t; last_cls = short(cls); next }
      if (start == "") { before++; next }
      if (cls == "Hello") { main = t; close_interval(t, "main class Hello"); exit }
      if (src == "shared objects file") kind = "JDK, from the CDS archive"
      else if (src ~ /^jrt:\//) kind = "JDK, parsed from the runtime image (not in the CDS archive)"
      else if (index(src, agentjar) > 0) kind = "the agent jar"
      else kind = "generated at run time (lambda forms, lambdas, proxies)"
      count[kind]++; total++
      if (index(src, agentjar) > 0) { close_interval(t, short(cls)); next }
      in_count++
      if (src != "shared objects file" && in_seen < 2) {
        c = cls; sub(/\/0x.*/, "", c); sub(/\$\$Lambda.*/, "$$Lambda", c)
        if (index(in_hint, c) == 0) { in_hint = in_hint (in_hint == "" ? "" : ", ") c; in_seen++ }
      }
      if (src != "shared objects file" && index(src, agentjar) == 0) {
        pkg = cls; sub(/\/0x.*/, "", pkg); sub(/\$\$Lambda.*/, "", pkg); sub(/\.[^.]*$/, "", pkg); pkgs[pkg]++
      }
    }
    END {
      printf "  JDK %s: main class at %.0f ms without an agent; EmptyAgent at %.0f ms and main class at %.0f ms with the empty agent (medians)\n", f, base, emptyagent, empty
      printf "    In the median resolvechain run:\n"
      printf "    ResolveChainAgent loads at %.0f ms (after %d classes) and the main class at %.0f ms: %.0f ms in which %d classes load:\n", start, before, main, main - start, total
      nk = split("the agent jar|JDK, from the CDS archive|JDK, parsed from the runtime image (not in the CDS archive)|generated at run time (lambda forms, lambdas, proxies)", kinds, "|")
      for (k = 1; k <= nk; k++) printf "      %4d  %s\n", count[kinds[k]], kinds[k]
      printf "    non-CDS and generated classes by package:"
      for (i = 0; i < 6; i++) { best = ""; bn = 0; for (p in pkgs) if (pkgs[p] > bn) { bn = pkgs[p]; best = p } if (bn == 0) break; printf " %s %d,", best, bn; delete pkgs[best] }
      printf "\n    longest stretches between two agent classes (with the JDK classes loaded in them, first non-CDS ones named):\n"
      for (i = 0; i < 6; i++) {
        best = -1; bi = 0; for (g = 1; g <= ni; g++) if (dur[g] > best) { best = dur[g]; bi = g }
        if (bi == 0) break
        printf "      %3.0f ms  %s -> %s: %d JDK classes%s\n", dur[bi], from[bi], to[bi], ncls[bi], hint[bi] == "" ? "" : " (" hint[bi] ")"
        dur[bi] = -1
      }
    }' "$log" | tee -a "$out/summary.txt"
done
echo | tee -a "$out/summary.txt"
echo "logs: $out/classload-*.log; the median agent run of each JDK: classload-<JDK>-agent-median.log" | tee -a "$out/summary.txt"
echo "(inspect: grep -n -e ResolveChainAgent -e ' Hello ' <log>)" | tee -a "$out/summary.txt"
