// istio-lens-server: the language server. `--stdio` for Neovim, Helix, Emacs...; `--node-ipc` for VS Code.
// Logs go to the LSP output channel (connection.console), never to stdout.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (process.argv.includes('--version')) {
  process.stderr.write('istio-lens-server 0.1.0\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('usage: istio-lens-server --stdio | --node-ipc\n');
  process.exit(2);
}
// Anything that would write to stdout in --stdio mode corrupts the protocol: route console to stderr.
console.log = console.info = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');
startServer(createConnection(ProposedFeatures.all));
