// I/O layer shared by the front ends (server, CLI, tests): where the installed bundle lives.
// dist/*.js, out/... and .cache/tests/... all find it by walking up to the folder holding schemas/.
import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

export function bundleRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'schemas')) && fs.existsSync(path.join(dir, 'package.json')))
      return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Istio Lens data bundle (schemas/) not found above ${__dirname}`);
    dir = up;
  }
}

export function bundlePath(...parts: string[]): string {
  return path.join(bundleRoot(), ...parts);
}
