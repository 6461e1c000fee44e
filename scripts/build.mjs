// Bundles the three entry points with esbuild: the VS Code client, the language server, the CLI.
// Everything the server and CLI need is bundled; the data (schemas/) ships beside dist/.
import { build } from 'esbuild';
import { YAML_ESM_ALIAS } from './lib/yaml-esm.mjs';
import { requireTs } from './lib/require-ts.mjs';
import { makeCodeCache } from './lib/code-cache.mjs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { SERVER_EXEC_ARGV } = await requireTs(root, 'client/src/serverFlags.ts', 'build-flags');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Whitespace and syntax only: identifiers stay readable in stack traces from users' logs.
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  alias: YAML_ESM_ALIAS,
};
await Promise.all([
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  build({
    ...common,
    entryPoints: ['server/src/lsp/main.ts'],
    outfile: 'dist/server.js',
    // V8 heap flags work only on node's command line (client/src/serverFlags.ts).
    banner: { js: `#!/usr/bin/env -S node ${SERVER_EXEC_ARGV.join(' ')}` },
  }),
  // The CLI: its bundle, and the executable that runs it with V8's code cache (server/src/cli/launch.ts).
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli-main.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
makeCodeCache(root);
