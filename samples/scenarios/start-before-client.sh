#!/bin/sh
# Scenario 1: the application starts before the local client; without the agent it fails with
# UnknownHostException, with the agent and local.awaitReady it waits and succeeds once the client is up.
exec "$(dirname "$0")/run.sh" start-before-client "$@"
