// examples/mesh: the multi-file workspace whose cross-file mistakes `istio-lens check examples/` shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace } from '../../server/src/engine/analysis';
import { repoRoot } from '../helpers/paths';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';

const dir = path.join(repoRoot, 'examples', 'mesh');

test('examples/mesh: each cross-file mistake is found, nothing else', () => {
  const files = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => parseFile(`file://${path.join(dir, n)}`, fs.readFileSync(path.join(dir, n), 'utf8')));
  const t0 = performance.now();
  const out = analyzeWorkspace(files, { analyzers: IN_ALL_ANALYZERS });
  console.log(`examples/mesh: ${files.length} files analyzed in ${(performance.now() - t0).toFixed(1)} ms`);
  const got = [...out]
    .flatMap(([uri, ds]) => ds.map((d) => `${path.basename(uri)}:${d.range.start.line + 1} ${d.code}`))
    .sort();
  assert.deepEqual(got, [
    'sidecars.yaml:18 IST0110', // conflicting sidecars
    'sidecars.yaml:4 IST0110',
    'web-destinations.yaml:12 IST0173', // subset with no pods
    'web-routing.yaml:10 IST0101', // missing gateway
    'web-routing.yaml:10 IST0132',
    'web.yaml:37 IST0118', // port name without a protocol
  ]);
});
