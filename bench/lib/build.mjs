// Bundles the server, the CLI and an in-process engine entry from the current sources into
// bench/.work/dist, so the benchmark measures this tree (and needs no client build).
import { build } from 'esbuild';
import { YAML_ESM_ALIAS } from '../../scripts/lib/yaml-esm.mjs';
import { makeCodeCache } from '../../scripts/lib/code-cache.mjs';
import fs from 'node:fs';
import path from 'node:path';

export async function buildForBench(root, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  // As scripts/build.mjs bundles them for dist/.
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    minifySyntax: true,
    legalComments: 'none',
    alias: YAML_ESM_ALIAS,
  };
  const cliEntry = ['server/src/cli/bin.ts', 'server/src/cli/main.ts']
    .map((p) => path.join(root, p))
    .find((p) => fs.existsSync(p));
  await build({
    ...common,
    entryPoints: [path.join(root, 'server/src/lsp/main.ts')],
    outfile: path.join(outDir, 'server.js'),
  });
  // As shipped: the bundle run by the launcher with V8's code cache, where the tree has the launcher.
  const launcher = path.join(root, 'server/src/cli/launch.ts');
  if (fs.existsSync(launcher)) {
    await build({ ...common, entryPoints: [cliEntry], outfile: path.join(outDir, 'cli-main.js') });
    await build({ ...common, entryPoints: [launcher], outfile: path.join(outDir, 'cli.js') });
    makeCodeCache(root, outDir);
  } else await build({ ...common, entryPoints: [cliEntry], outfile: path.join(outDir, 'cli.js') });
  const entry = path.join(outDir, 'engine-entry.ts');
  fs.writeFileSync(
    entry,
    [
      `export { parseFile } from ${JSON.stringify(path.join(root, 'server/src/engine/parse/parseFile'))};`,
      `export { checkWorkspace } from ${JSON.stringify(path.join(root, 'server/src/engine/checkWorkspace'))};`,
      `export { loadEngineEnv } from ${JSON.stringify(path.join(root, 'server/src/data/env'))};`,
    ].join('\n'),
  );
  await build({ ...common, entryPoints: [entry], outfile: path.join(outDir, 'engine.cjs') });
  return {
    server: path.join(outDir, 'server.js'),
    cli: path.join(outDir, 'cli.js'),
    engine: path.join(outDir, 'engine.cjs'),
  };
}
