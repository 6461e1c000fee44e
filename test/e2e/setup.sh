#!/usr/bin/env bash
# Installs what the real-editor tests need, idempotently (`npm test` runs it before those layers):
#   Debian chromium, neovim, libkrb5-dev and build tools (apt, only what is missing), then Node 24
#   from npm and code-server 4.139.1 into .cache/e2e (cached between runs).
# The versions are pinned by the package.json + lockfile under test/e2e/node24 and test/e2e/code-server.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
scrub_npm_env
t0=$(date +%s)

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v nvim >/dev/null || missing+=(neovim)
for pkg in libkrb5-dev build-essential python3; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  apt_log="$E2E/apt.log"
  { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"; } \
    > "$apt_log" 2>&1 || { cat "$apt_log" >&2; exit 1; }
fi

# npm ci into $2 from the committed package.json + lockfile in $1, unless the lockfile is unchanged.
install_locked() {
  local src="$1" dest="$2"; shift 2
  local stamp="$dest/.installed-lock.sha256" want
  want=$(sha256sum "$src/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dest/node_modules" ]; then return 0; fi
  echo "e2e setup: npm ci in ${dest#$ROOT/}"
  rm -rf "$dest"; mkdir -p "$dest"
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  (cd "$dest" && "$@" npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}
install_locked "$E2E_SRC/node24" "$E2E/nodebin" env
[ -x "$N24/bin/node" ] || { echo "e2e setup: Node 24 binary missing at $N24" >&2; exit 1; }
install_locked "$E2E_SRC/code-server" "$CS_DIR" with_node24
[ -f "$CS_BIN" ] && [ -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ] \
  || { echo "e2e setup: code-server install incomplete" >&2; exit 1; }
echo "e2e setup: ready in $(( $(date +%s) - t0 ))s (node $("$N24/bin/node" --version), code-server $(with_node24 node "$CS_BIN" --version 2>/dev/null | tail -1))"
