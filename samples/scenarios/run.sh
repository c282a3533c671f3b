#!/bin/sh
# Runs one scenario of the local discovery client from the built demo jar and agent jar:
#   samples/scenarios/run.sh start-before-client|client-dies|flapping|all [--client=auto|dnsmasq|stand-in]
# Build first: mvn -q -DskipTests package. Uses $JAVA_HOME/bin/java if JAVA_HOME is set, else java;
# AGENT_JAR and DEMO_JAR override where the jars are. Loopback only; each scenario ends by itself.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
demo=${DEMO_JAR:-$root/samples/target/resolvechain-demo.jar}
agent=${AGENT_JAR:-$root/agent/target/resolvechain-agent.jar}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
for jar in "$demo" "$agent"; do
  if [ ! -f "$jar" ]; then
    echo "no $jar: build it with 'mvn -q -DskipTests package'" >&2
    exit 1
  fi
done
exec "$java" -Dresolvechain.agentJar="$agent" -cp "$demo" dev.resolvechain.samples.Scenarios "$@"
