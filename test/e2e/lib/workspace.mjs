// A fresh, writable copy of the fixture workspace (test/e2e/workspace + the seed fixture) per run.
import fs from 'node:fs';
import path from 'node:path';

export function freshWorkspace(root, runDir, name) {
  const ws = path.join(runDir, name);
  fs.rmSync(ws, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'test/e2e/workspace'), ws, { recursive: true });
  fs.copyFileSync(path.join(root, 'third_party/fixtures/seed-sidecar-proxy.yaml'), path.join(ws, 'seed-sidecar-proxy.yaml'));
  return ws;
}
