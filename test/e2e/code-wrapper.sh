#!/usr/bin/env bash
# Stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
# Desktop VS Code cannot be downloaded here, so this turns the arguments runTests passes
# (--extensionDevelopmentPath=, --extensionTestsPath=, a folder) into a run inside the code-server
# that start-code-server.sh started: ext-host.mjs opens the workbench with the test `payload`.
# Its exit code is the test run's (0 = all passed), which runTests turns into resolve/reject.
set -uo pipefail
source "$(dirname "$0")/lib/env.sh"
EXT= TESTS= FOLDER=
for a in "$@"; do
  case "$a" in
    --extensionDevelopmentPath=*) EXT="${a#*=}" ;;
    --extensionTestsPath=*) TESTS="${a#*=}" ;;
    -*) ;;                                   # --no-sandbox, --user-data-dir=... : code-server has its own
    *) [ -z "$FOLDER" ] && FOLDER="$a" ;;
  esac
done
[ -n "$EXT" ] && [ -n "$TESTS" ] || { echo "code-wrapper: need --extensionDevelopmentPath and --extensionTestsPath" >&2; exit 2; }
export EXT TESTS FOLDER
exec node "$E2E_SRC/ext-host.mjs"
