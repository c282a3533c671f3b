# Shared by the benchmarks that run inside a network namespace of their own (sourced, not run).
# They need root; the machine's own resolv.conf and hosts are never read or changed: `ip netns exec`
# mounts /etc/netns/NS/{resolv.conf,hosts,nsswitch.conf} over /etc's inside the namespace.

# Exits 0 with a note when not root; exits 2 when a tool or a file is missing, or nscd would
# answer glibc's lookups from outside the namespace. Usage: netns_preflight NAME FILE...
netns_preflight() {
  local name=$1 file tool
  shift
  if [ "$(id -u)" != 0 ]; then
    echo "$name: skipped: this measurement needs root (it creates a network namespace and binds port 53 in it)."
    exit 0
  fi
  for tool in ip getent dnsmasq; do
    command -v "$tool" >/dev/null || { echo "$name: $tool is missing" >&2; exit 2; }
  done
  for file in "$@"; do
    [ -f "$file" ] || { echo "$name: no $file: build first (mvn -q -o package -DskipTests)" >&2; exit 2; }
  done
  if [ -S /var/run/nscd/socket ] || [ -S /run/nscd/socket ]; then
    echo "$name: nscd is running: glibc would ask it (outside the namespace) instead of the namespace's servers" >&2
    exit 2
  fi
}

# Fills the array JDKS with $JDK17 and $JDK25 (or their default homes), those that exist, when empty.
netns_default_jdks() {
  local home
  if [ ${#JDKS[@]} -eq 0 ]; then
    for home in "${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}" "${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"; do
      [ -x "$home/bin/java" ] && JDKS+=("$home")
    done
  fi
}

# Creates namespace $NS with loopback up (and 127.0.0.2 on it), a temporary folder $TMP, and
# /etc/netns/$NS with hosts (localhost only), nsswitch.conf (hosts: files dns) and a resolv.conf
# holding RESOLV_CONF_TEXT; deletes all of it on exit, with every process in the namespace (and in
# $SERVER_NS) and those whose pids are in PIDS. Usage: netns_create NAME RESOLV_CONF_TEXT
netns_create() {
  local name=$1 conf=$2
  NS="rcbench-$$"
  SERVER_NS=$NS
  TMP=$(mktemp -d /tmp/resolvechain-netns-XXXXXX)
  PIDS=()
  trap netns_cleanup EXIT
  trap 'exit 130' INT TERM
  ip netns add "$NS"
  ip -n "$NS" link set lo up
  ip -n "$NS" addr add 127.0.0.2/8 dev lo
  mkdir -p "/etc/netns/$NS"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"/etc/netns/$NS/hosts"
  printf 'hosts: files dns\n' >"/etc/netns/$NS/nsswitch.conf"
  printf '%b' "$conf" >"/etc/netns/$NS/resolv.conf"
  if [ "$(in_ns cat /etc/resolv.conf)" != "$(printf '%b' "$conf")" ]; then
    echo "$name: ip netns exec did not mount /etc/netns/$NS/resolv.conf over /etc/resolv.conf" >&2
    exit 2
  fi
}

# Creates namespace $SERVER_NS beside $NS, joined to it by a veth pair: 198.18.0.1 in $NS, 198.18.0.2
# (SERVER_ADDRESS) in $SERVER_NS, of the range set aside for benchmarks. A server there is reached as
# over a network, not over loopback; netns_dnsmasq starts dnsmasq there. Usage: netns_veth_server
netns_veth_server() {
  SERVER_NS="$NS-server"
  SERVER_ADDRESS=198.18.0.2
  ip netns add "$SERVER_NS"
  ip -n "$SERVER_NS" link set lo up
  ip -n "$NS" link add veth-client type veth peer name veth-server netns "$SERVER_NS"
  ip -n "$NS" addr add 198.18.0.1/30 dev veth-client
  ip -n "$SERVER_NS" addr add "$SERVER_ADDRESS/30" dev veth-server
  ip -n "$NS" link set veth-client up
  ip -n "$SERVER_NS" link set veth-server up
}

netns_cleanup() {
  local pid ns namespaces=("$NS")
  [ "$SERVER_NS" = "$NS" ] || namespaces+=("$SERVER_NS")
  # the servers the script started (their own pids: `ip netns exec` execs them), then anything else
  # still running in the namespaces it created, each by its pid
  for pid in "${PIDS[@]}" $(for ns in "${namespaces[@]}"; do ip netns pids "$ns" 2>/dev/null; done); do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  for ns in "${namespaces[@]}"; do
    for _ in $(seq 1 50); do
      [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break
      sleep 0.1
    done
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "/etc/netns/$NS" "$TMP"
}

in_ns() { ip netns exec "$NS" "$@"; }

# Starts dnsmasq in $SERVER_NS ($NS unless netns_veth_server made another) on ADDRESS:53, in the
# background, answering every name under bench.test with 192.0.2.1 and 2001:db8::1, nothing cached.
# Usage: netns_dnsmasq ADDRESS [dnsmasq options...]
netns_dnsmasq() {
  local address=$1
  shift
  # not through in_ns: a function run with & is a subshell, and $! would be its pid instead of the server's
  ip netns exec "$SERVER_NS" dnsmasq --keep-in-foreground --no-resolv --no-hosts --user=root --bind-interfaces \
    --listen-address="$address" --port=53 --conf-file=/dev/null --pid-file="$TMP/dnsmasq.pid" \
    --address=/bench.test/192.0.2.1 --address=/bench.test/2001:db8::1 --cache-size=0 "$@" &
  PIDS+=($!)
}

# Appends a row of the performance table to $ROWS (when set): KEY JDK WHAT FIGURE BASELINE BASELINE_FIGURE
# UNIT ratio|difference, tab-separated (benchmarks/perf-table.sh reads them; lower is better).
perf_row() {
  [ -z "${ROWS:-}" ] || printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"
}

stats() { # median min max of the numbers on stdin
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'
}
median_of() { tr ' ' '\n' | grep -v '^$' | stats | cut -d' ' -f1; }
fmt() { awk -v x="$1" 'BEGIN { a = x < 0 ? -x : x; if (a >= 100) printf "%.0f", x; else if (a >= 10) printf "%.1f", x; else if (a >= 1) printf "%.2f", x; else printf "%.3f", x }'; }
