// A fresh, writable copy of the fixture workspace (test/e2e/workspace + the seed fixture) per run.
// `only`: relative paths to copy instead of everything (a UI test's `export const files`), so the
// Problems panel shows just what the test is about.
import fs from 'node:fs';
import path from 'node:path';

export function freshWorkspace(root, runDir, name, only) {
  const ws = path.join(runDir, name);
  const fixtures = path.join(root, 'test/e2e/workspace');
  const seed = path.join(root, 'third_party/fixtures/seed-sidecar-proxy.yaml');
  fs.rmSync(ws, { recursive: true, force: true });
  if (!only) {
    fs.cpSync(fixtures, ws, { recursive: true });
    fs.copyFileSync(seed, path.join(ws, 'seed-sidecar-proxy.yaml'));
    return ws;
  }
  for (const rel of only) {
    const from = rel === 'seed-sidecar-proxy.yaml' ? seed : path.join(fixtures, rel);
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(ws, rel));
  }
  return ws;
}
