#!/bin/sh
# Scenario 2: the local client dies while the application runs: local.onDown=fallthrough and fail side
# by side, how long lookups take while it is down, how soon its names resolve again after it is back.
exec "$(dirname "$0")/run.sh" client-dies "$@"
