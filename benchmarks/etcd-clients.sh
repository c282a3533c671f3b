#!/bin/bash
# What each way of speaking to etcd adds to a JVM: jetcd 0.8.5 (the official client), the JDK's java.net.http, and
# resolvechain's own HTTP/1.1 client of etcd's gRPC-JSON gateway. Each reads one prefix of a local etcd (Debian's
# etcd-server, 127.0.0.1 only) in a fresh JVM, ROUNDS times per JDK, interleaved; printed: the median time from the
# client's creation to its first answer, the classes the JVM loaded in all, the threads the client added, and what the
# client's jars weigh. jetcd and its dependencies are fetched from Maven Central into benchmarks/target/jetcd (online,
# once). Usage: benchmarks/etcd-clients.sh [ROUNDS]   (needs `mvn -q -DskipTests package` first, for core's classes)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-11}
JDKS=("${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}" "${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}")
WORK=benchmarks/target/etcd-clients
JETCD=benchmarks/target/jetcd
mkdir -p "$WORK" "$JETCD"
if [ ! -f "$JETCD/.done" ]; then
  cat >"$JETCD/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>x</groupId><artifactId>jetcd-weight</artifactId><version>1</version>
<dependencies><dependency><groupId>io.etcd</groupId><artifactId>jetcd-core</artifactId><version>0.8.5</version></dependency></dependencies>
</project>
POM
  mvn -q -f "$JETCD/pom.xml" dependency:copy-dependencies -DoutputDirectory=deps >/dev/null
  touch "$JETCD/.done"
fi
JETCD_CP=$(ls "$JETCD"/deps/*.jar | paste -sd:)
CORE=core/target/classes
"${JDKS[0]}/bin/javac" -d "$WORK/classes" -cp "$JETCD_CP:$CORE" benchmarks/etcd-clients/*.java

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CP=$(port); PP=$(port); DATA=$(mktemp -d)
etcd --name m1 --data-dir "$DATA/m1" --listen-client-urls "http://127.0.0.1:$CP" --advertise-client-urls "http://127.0.0.1:$CP" \
  --listen-peer-urls "http://127.0.0.1:$PP" --initial-advertise-peer-urls "http://127.0.0.1:$PP" --initial-cluster "m1=http://127.0.0.1:$PP" \
  --initial-cluster-token "clients-$$" --unsafe-no-fsync --log-level warn >"$DATA/etcd.log" 2>&1 &
ETCD_PID=$!
trap 'kill $ETCD_PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 250); do curl -s -m1 "http://127.0.0.1:$CP/health" | grep -q true && break; sleep 0.02; done

echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- core || echo -dirty), $(nproc) CPUs, $ROUNDS rounds, $(date -u +%FT%TZ)"
printf '%-10s %-12s %16s %10s %14s %14s\n' JDK client first-answer-ms classes threads-added jars
for jdk in "${JDKS[@]}"; do
  version=$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')
  declare -A ms=() classes=() threads=()
  for round in $(seq 1 "$ROUNDS"); do
    for client in Nothing GatewayClient HttpClientClient JetcdClient; do
      line=$("$jdk/bin/java" -cp "$WORK/classes:$CORE:$JETCD_CP" "$client" "127.0.0.1:$CP" 2>/dev/null | grep first-answer-ms)
      ms[$client]+="$(echo "$line" | awk '{print $2}') "
      classes[$client]=$(echo "$line" | awk '{print $4}')
      threads[$client]=$(echo "$line" | awk '{print $6}')
    done
  done
  for client in Nothing GatewayClient HttpClientClient JetcdClient; do
    median=$(echo "${ms[$client]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    case $client in
      JetcdClient) jars="$(du -cb "$JETCD"/deps/*.jar | tail -1 | awk '{printf "%.1f MB", $1/1e6}') ($(ls "$JETCD"/deps/*.jar | wc -l) jars)" ;;
      GatewayClient) jars="$(cat "$CORE"/dev/resolvechain/alias/etcd/*.class | wc -c | awk '{printf "%.0f KB", $1/1e3}') (in the agent jar)" ;;
      *) jars="(the JDK)" ;;
    esac
    printf '%-10s %-12s %16s %10s %14s %14s\n' "$version" "${client%Client}" "$median" "${classes[$client]}" "${threads[$client]}" "$jars"
  done
done
