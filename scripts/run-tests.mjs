// Bundles test files with esbuild (no type-check: `npm run typecheck` does that) and runs them with
// node's test runner. Usage: node scripts/run-tests.mjs [file-or-dir ...]   (default: test/, minus e2e)
import { build } from 'esbuild';
import { YAML_ESM_ALIAS } from './lib/yaml-esm.mjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const passthrough = args.filter((a) => a.startsWith('--'));
const targets = args.filter((a) => !a.startsWith('--'));
const roots = targets.length ? targets : ['test'];

function collect(p, out) {
  const abs = path.resolve(root, p);
  const st = fs.statSync(abs);
  if (st.isFile()) {
    out.push(abs);
    return;
  }
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (
      e.isDirectory() &&
      ((e.name === 'e2e' && !targets.length) || e.name === 'node_modules' || e.name.startsWith('.'))
    )
      continue;
    const child = path.join(abs, e.name);
    if (e.isDirectory()) collect(child, out);
    else if (e.name.endsWith('.test.ts')) out.push(child);
  }
}
const files = [];
for (const r of roots) collect(r, files);
if (!files.length) {
  console.error('no test files found');
  process.exit(2);
}

// One folder per run: several engineers (and CI jobs) run tests at once in the same tree.
const outdir = path.join(root, '.cache', 'tests', String(process.pid));
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: files,
  outdir,
  outbase: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  alias: YAML_ESM_ALIAS,
  logLevel: 'warning',
});
const built = files.map((f) => path.join(outdir, path.relative(root, f)).replace(/\.ts$/, '.js'));
// A test stuck for 5 minutes fails instead of holding CI until its deadline.
const r = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-reporter=spec',
    '--test-timeout=300000',
    ...passthrough,
    ...built,
  ],
  { stdio: 'inherit', cwd: root },
);
fs.rmSync(outdir, { recursive: true, force: true });
process.exit(r.status ?? 1);
