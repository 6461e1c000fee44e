#!/usr/bin/env bash
# Stops the code-server started by start-code-server.sh: its process group (extension host and
# language server included), by the recorded pid, which is the group id (setsid).
set -uo pipefail
source "$(dirname "$0")/lib/env.sh"
pidfile="$RUN/cs.pid"
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile"); rm -f "$pidfile"
[ -n "$pid" ] || exit 0
kill -TERM -- "-$pid" 2>/dev/null || exit 0
for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || exit 0; sleep 0.1; done
kill -KILL -- "-$pid" 2>/dev/null || true
