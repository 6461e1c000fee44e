// Where the repository and its data live, wherever the bundled test file runs from.
import fs from 'node:fs';
import path from 'node:path';

function findRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'third_party')))
      return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found from ' + __dirname);
    dir = up;
  }
}

export const repoRoot = findRoot();
export const upstream = path.join(repoRoot, 'third_party', 'upstream');
export const istioData = path.join(upstream, 'istio');
export const seedFixture = path.join(repoRoot, 'third_party', 'fixtures', 'seed-sidecar-proxy.yaml');
export const fixtures = path.join(repoRoot, 'test', 'fixtures');
export const readText = (p: string): string => fs.readFileSync(p, 'utf8');
