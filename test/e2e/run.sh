#!/usr/bin/env bash
# The real-VS-Code tests, full cycle: install/check the toolchain (cached), package the .vsix, start
# code-server with it, run the Playwright UI tests and the extension-host mocha suite, stop.
# Usage: test/e2e/run.sh [ui|ext-host]   (default both). E2E_ONLY=<substring> narrows the files.
set -uo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"
what="${1:-all}"
t0=$(date +%s)
# One run at a time per checkout: concurrent runs would share .cache/e2e/run (profile, pid, port).
mkdir -p "$E2E"; exec 9>"$E2E/run.lock"
flock -n 9 || { echo "e2e: another run holds $E2E/run.lock; waiting"; flock 9; }
bash "$E2E_SRC/setup.sh" || exit 1
npm run -s package > "$E2E/package.log" 2>&1 || { cat "$E2E/package.log"; exit 1; }
echo "e2e: $(grep -o 'Packaged: .*' "$E2E/package.log")"
mkdir -p "$RUN"
"$E2E_SRC/start-code-server.sh" "$ROOT/dist/istio-lens.vsix" || exit 1
trap '"$E2E_SRC/stop-code-server.sh"' EXIT

rc=0; summary=()
if [ "$what" = all ] || [ "$what" = ui ]; then
  t=$(date +%s); node "$E2E_SRC/run-ui-tests.mjs" | tee "$RUN/ui.log"; r=${PIPESTATUS[0]}
  summary+=("$(grep '^ui: ' "$RUN/ui.log" | tail -1) in $(( $(date +%s) - t ))s"); [ "$r" = 0 ] || rc=1
fi
if [ "$what" = all ] || [ "$what" = ext-host ]; then
  t=$(date +%s); node "$E2E_SRC/run-ext-host-tests.mjs" 2>&1 | tee "$RUN/ext-host.log"; r=${PIPESTATUS[0]}
  summary+=("$(grep '^ext-host: ' "$RUN/ext-host.log" | tail -1)"); [ "$r" = 0 ] || rc=1
fi
printf '%s\n' "${summary[@]}"
passed=0; failed=0
for s in "${summary[@]}"; do
  p=$(sed -n 's/^[a-z-]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' <<<"$s"); f=$(sed -n 's/^[a-z-]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' <<<"$s")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
done
echo "e2e: $passed passed, $failed failed in $(( $(date +%s) - t0 ))s"
if [ $rc != 0 ] || [ $failed != 0 ]; then
  # The next run starts a fresh profile: keep this one's logs, and print the server's (CI keeps only stdout).
  kept="$E2E/failed-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$kept" && cp -r "$RUN/profile/user/logs" "$RUN"/*.log "$kept/" 2>/dev/null
  echo "e2e: the failed run's logs are kept in $kept"
  find "$kept" -name '*Istio Lens*.log' -print0 2>/dev/null | while IFS= read -r -d '' f; do
    echo "---- last lines of $f"; tail -n 80 "$f"
  done
fi
[ $rc = 0 ] && [ $failed = 0 ]
