// istio-lens-server: the language server. `--stdio` for Neovim, Helix, Emacs...; `--node-ipc` for VS Code.
// Logs go to the LSP output channel (connection.console), never to stdout.
import v8 from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';

// A small young generation: the server allocates in short bursts per edit, and a large nursery only
// shows up as resident memory (500 open files: about 220 MB with V8's default, 150 MB with this).
v8.setFlagsFromString('--max-semi-space-size=2');
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
