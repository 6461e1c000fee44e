// Bundles one TypeScript module of the repository (and what it imports) with esbuild and loads it, for the
// report scripts that print what a test module measures.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The exports of `<root>/<entry>` (a .ts file), bundled for Node into .cache/<name>/ and loaded. */
export async function requireTs(root, entry, name) {
  const out = path.join(root, '.cache', name, `${process.pid}.cjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const loaded = createRequire(import.meta.url)(out);
  fs.rmSync(out, { force: true });
  return loaded;
}
