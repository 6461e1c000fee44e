// Extension-host tests through @vscode/test-electron's runTests(), pointed at code-wrapper.sh so the
// suite runs in the code-server that start-code-server.sh started (no VS Code download needed).
// The suite (test/e2e/suite) is bundled into .cache/e2e/suite: inside the extensionDevelopmentPath
// (the repo root), as VS Code requires. Afterwards the harness checks results.json: the number of
// passed tests must equal the number of `it(` in the suite's sources.
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { freshWorkspace } from './lib/workspace.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const src = path.join(root, 'test/e2e/suite');
const out = path.join(root, '.cache/e2e/suite');
const runDir = process.env.RUN || path.join(root, '.cache/e2e/run');

const sources = fs
  .readdirSync(src)
  .filter((f) => f.endsWith('.e2e.ts'))
  .sort();
const only = process.env.E2E_ONLY; // e.g. E2E_ONLY=3-features to run one file while developing
const selected = only ? sources.filter((f) => f.includes(only)) : sources;
const expected = selected.reduce(
  (n, f) => n + (fs.readFileSync(path.join(src, f), 'utf8').match(/^\s*it\(/gm) ?? []).length,
  0,
);

if (expected === 0) {
  console.log(`ext-host: 0 passed, 1 failed (no tests selected${only ? ` by E2E_ONLY=${only}` : ''})`);
  process.exit(1);
}
fs.rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [path.join(src, 'index.ts'), ...selected.map((f) => path.join(src, f))],
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const ws = freshWorkspace(root, runDir, 'ws-ext-host');
const t0 = Date.now();
let runOk = true;
try {
  await runTests({
    vscodeExecutablePath: path.join(root, 'test/e2e/code-wrapper.sh'),
    extensionDevelopmentPath: root,
    extensionTestsPath: out,
    launchArgs: [ws],
    reuseMachineInstall: true,
  });
} catch (e) {
  runOk = false;
  console.error(`runTests rejected: ${e instanceof Error ? e.message : e}`);
}
const secs = ((Date.now() - t0) / 1000).toFixed(1);

let results;
try {
  results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
} catch {
  results = undefined;
}
if (!results) {
  console.log(`ext-host: 0 passed, ${expected} failed (no results.json: the suite did not run) in ${secs} s`);
  process.exit(1);
}
const figures = Object.entries(results.figures ?? {})
  .map(([k, v]) => `${k}=${v}`)
  .join(' ');
const countOk = results.passes === expected && results.failures === 0;
console.log(`ext-host figures: ${figures || '(none)'}`);
console.log(
  `ext-host: ${results.passes} passed, ${Math.max(results.failures, expected - results.passes)} failed ` +
    `(expected ${expected} tests, mocha saw ${results.total}) in ${secs} s`,
);
if (!countOk)
  console.error(`extension-host suite: expected ${expected} passing tests, got ${results.passes}`);
process.exit(runOk && countOk ? 0 : 1);
