#!/usr/bin/env bash
# Neovim smoke test of the standalone server (needs `nvim`, Debian's 0.7 is enough, and dist/server.js).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
command -v nvim >/dev/null || { echo "nvim: 0 passed, 1 failed (nvim not installed: apt-get install -y neovim)"; exit 1; }
[ -f "$ROOT/dist/server.js" ] || { echo "nvim: 0 passed, 1 failed (dist/server.js missing: npm run build)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$ROOT/third_party/fixtures/seed-sidecar-proxy.yaml" "$ROOT/test/e2e/workspace/mesh/annotated-deployment.yaml" "$work/"
t0=$(date +%s%N)
ISTIO_LENS_SERVER="$ROOT/dist/server.js" NODE="$(command -v node)" HOME="$work" XDG_STATE_HOME="$work" \
  timeout 90 nvim --headless --clean -c "luafile $ROOT/test/lsp-nvim/smoke.lua" \
  "$work/seed-sidecar-proxy.yaml" "$work/annotated-deployment.yaml" 2>&1 < /dev/null
rc=$?
echo "nvim smoke test: $(( ($(date +%s%N) - t0) / 1000000 )) ms, exit $rc"
exit $rc
