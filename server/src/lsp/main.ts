// istio-lens-server: the language server. `--stdio` for Neovim, Helix, Emacs...; `--node-ipc` for VS Code.
// Logs go to the LSP output channel (connection.console), never to stdout.
// V8 heap flags (a small young generation) only take effect on node's command line, not once the heap
// exists: the extension passes them (client/src/languageClient.ts SERVER_EXEC_ARGV), as does the bin's
// shebang (scripts/build.mjs).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Console } from 'node:console';
import { startServer } from './server';
import { errorText } from '../engine/util/errors';

if (process.argv.includes('--version')) {
  process.stderr.write('istio-lens-server 0.1.0\n');
  process.exit(0);
}
if (
  !process.argv.some(
    (a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'),
  )
) {
  process.stderr.write('usage: istio-lens-server --stdio | --node-ipc\n');
  process.exit(2);
}
// Anything that would write to stdout in --stdio mode corrupts the protocol. createConnection sends
// console.log/info/warn/error/debug/dir to the client's output channel (window/logMessage); route
// the stdout-writing methods it leaves alone (table, group, time...) to stderr, before it runs.
const toStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
for (const k of [
  'log',
  'info',
  'debug',
  'dir',
  'dirxml',
  'table',
  'group',
  'groupCollapsed',
  'count',
  'timeLog',
  'timeEnd',
] as const) {
  (console as unknown as Record<string, unknown>)[k] = (toStderr[k] as (...a: unknown[]) => void).bind(
    toStderr,
  );
}
// One stray rejected promise (e.g. a request the client does not implement) must not kill the server.
process.on('unhandledRejection', (e) => {
  process.stderr.write(`istio-lens-server: unhandled rejection: ${errorText(e)}\n`);
});
startServer(createConnection(ProposedFeatures.all));
