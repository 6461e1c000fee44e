#!/usr/bin/env bash
# Starts code-server (real VS Code 1.139 in the browser) on 127.0.0.1 with a fresh profile and the
# given .vsix installed. Writes $RUN/cs.pid, $RUN/cs.port, $RUN/cs.log; returns once /healthz answers.
# Usage: start-code-server.sh VSIX
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
VSIX="${1:?usage: start-code-server.sh VSIX}"
[ -f "$VSIX" ] || { echo "no such vsix: $VSIX" >&2; exit 1; }
"$(dirname "$0")/stop-code-server.sh"

PROFILE="$RUN/profile"
rm -rf "$PROFILE"; mkdir -p "$PROFILE/user/User" "$PROFILE/ext"
cp "$E2E_SRC/lib/user-settings.json" "$PROFILE/user/User/settings.json"
COMMON=(--user-data-dir "$PROFILE/user" --extensions-dir "$PROFILE/ext" --config "$PROFILE/config.yaml" --disable-telemetry)
with_node24 node "$CS_BIN" "${COMMON[@]}" --install-extension "$VSIX" > "$RUN/cs-install.log" 2>&1 \
  || { cat "$RUN/cs-install.log" >&2; exit 1; }
ls "$PROFILE/ext" | grep -q '^istio-lens\.istio-lens-' || { echo "vsix not installed:" >&2; cat "$RUN/cs-install.log" >&2; exit 1; }

PORT="${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
t0=$(date +%s%N)
# enable-smoke-test-driver: lets the workbench URL `payload` start extension-host tests.
# setsid: code-server, its extension host and our language server form one process group, which
# stop-code-server.sh ends as a whole (the recorded pid is also the group id).
env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" setsid node "$CS_BIN" "${COMMON[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --vscode-option enable-smoke-test-driver ${CS_EXTRA_ARGS:-} \
  > "$RUN/cs.log" 2>&1 &
echo $! > "$RUN/cs.pid"; echo "$PORT" > "$RUN/cs.port"
healthy() { node -e 'require("http").get(process.argv[1], (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on("error", () => process.exit(1))' "http://127.0.0.1:$PORT/healthz"; }
for _ in $(seq 1 300); do
  healthy && break
  kill -0 "$(cat "$RUN/cs.pid")" 2>/dev/null || { echo "code-server exited:" >&2; cat "$RUN/cs.log" >&2; exit 1; }
  sleep 0.1
done
healthy || { echo "code-server did not come up" >&2; exit 1; }
echo "code-server pid $(cat "$RUN/cs.pid") on 127.0.0.1:$PORT, ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
