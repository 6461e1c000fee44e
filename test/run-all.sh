#!/usr/bin/env bash
# `npm test`: every test layer, in order, failing if any fails:
#   1. typecheck (tsc), then lint (eslint and prettier --check)
#   2. unit, rule, conformance, LSP and CLI tests (node:test via scripts/run-tests.mjs)
#   3. the real-editor toolchain, installed once when missing (test/e2e/setup.sh: apt chromium, neovim,
#      libkrb5-dev; Node 24 and code-server from npm into .cache/e2e), outside npm's environment
#   4. real VS Code: Playwright UI tests + extension-host mocha suite in code-server (test/e2e/run.sh)
#   5. Neovim smoke test of the standalone server (test/lsp-nvim/run.sh)
# ISTIO_LENS_SKIP_E2E=1 skips 3 to 5 for a quick local run (refused when CI=true).
set -uo pipefail
cd "$(dirname "$0")/.."
LOGS=.cache/test-logs; mkdir -p "$LOGS"
t_all=$(date +%s)
steps=(); results=(); total_pass=0; total_fail=0

# count PASS FAIL from a log, given the name of the step's closing-line style
count() {
  local log="$1" style="$2" p f
  case "$style" in
    node) p=$(grep -E '^ℹ pass [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+'); f=$(grep -E '^ℹ fail [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+') ;;
    e2e|nvim) p=$(grep -E "^$style: [0-9]+ passed" "$log" | tail -1 | sed -E 's/^[a-z0-9]+: ([0-9]+) passed, ([0-9]+) failed.*/\1/')
              f=$(grep -E "^$style: [0-9]+ passed" "$log" | tail -1 | sed -E 's/^[a-z0-9]+: ([0-9]+) passed, ([0-9]+) failed.*/\2/') ;;
    *) p=; f= ;;
  esac
  echo "${p:-0} ${f:-0}"
}

step() { # name style command...
  local name="$1" style="$2"; shift 2
  local log="$LOGS/$(echo "$name" | tr ' /' '__').log" t0 rc p f
  echo; echo "━━━ $name ━━━"
  t0=$(date +%s)
  "$@" 2>&1 | tee "$log"; rc=${PIPESTATUS[0]}
  read -r p f < <(count "$log" "$style")
  if [ "$style" = none ]; then p=$(( rc == 0 ? 1 : 0 )); f=$(( rc == 0 ? 0 : 1 )); fi
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1   # a crash with no count still fails the run
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  steps+=("$name"); results+=("$([ "$rc" -eq 0 ] && echo PASS || echo FAIL)  $name: $p passed, $f failed ($(( $(date +%s) - t0 ))s)")
}

# ISTIO_LENS_TEST_STEPS=typecheck,lint,unit,e2e,nvim picks steps for a local run (CI always runs all).
want() { [ "${CI:-}" = true ] || [ -z "${ISTIO_LENS_TEST_STEPS:-}" ] || [[ ",$ISTIO_LENS_TEST_STEPS," == *",$1,"* ]]; }
want typecheck && step "typecheck" none npx tsc -p . --noEmit
want lint && step "lint" none npm run lint
want unit && step "unit, rule, conformance, LSP and CLI tests" node node scripts/run-tests.mjs
if [ "${ISTIO_LENS_SKIP_E2E:-}" = 1 ] && [ "${CI:-}" != true ]; then
  results+=("SKIP  real VS Code and Neovim tests (ISTIO_LENS_SKIP_E2E=1)")
else
  { want e2e || want nvim; } && step "real-editor toolchain (cached)" none bash test/e2e/setup.sh
  want e2e && step "real VS Code (code-server)" e2e bash test/e2e/run.sh
  want nvim && step "Neovim smoke test" nvim bash test/lsp-nvim/run.sh
fi
[ ${#results[@]} -gt 0 ] || { echo "no test step selected" >&2; exit 2; }

echo; echo "━━━ summary ━━━"
printf '%s\n' "${results[@]}"
echo "$total_pass passed, $total_fail failed in $(( $(date +%s) - t_all ))s"
[ "$total_fail" -eq 0 ] && ! printf '%s\n' "${results[@]}" | grep -q '^FAIL'
