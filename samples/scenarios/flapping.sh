#!/bin/sh
# Scenario 3: a service resolving names of both kinds while the local client flaps (hangs, is killed,
# comes back): only UnknownHostException, and ordinary names never fail.
exec "$(dirname "$0")/run.sh" flapping "$@"
