// Every generated file is what its generator writes today: each scripts/generate-*.mjs runs with
// `--check`, which fails naming any stale, missing or extra file (regenerate and commit to fix).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../helpers/paths';

const generators = fs
  .readdirSync(path.join(repoRoot, 'scripts'))
  .filter((f) => /^generate-.*\.mjs$/.test(f))
  .sort();

function runGenerator(script: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'scripts', script), '--check', ...args], {
    encoding: 'utf8',
  });
}

describe('generated files', () => {
  it('has a generator for schemas/, schemas/inject, the IST messages, the annotation catalogue, the Kubernetes enums and the namespaces the engine names', () => {
    assert.deepEqual(generators, [
      'generate-annotations.mjs',
      'generate-inject-bundle.mjs',
      'generate-k8s-enums.mjs',
      'generate-messages.mjs',
      'generate-named-namespaces.mjs',
      'generate-schemas.mjs',
    ]);
  });

  for (const g of generators)
    it(`${g} --check: the committed output is up to date`, () => {
      const r = runGenerator(g);
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.match(r.stdout, /up to date/);
    });

  it('--check fails on a stale, a missing and an extra file', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-generated-'));
    try {
      const rel = 'server/src/engine/analysis/messages.gen.ts';
      fs.mkdirSync(path.join(tmp, path.dirname(rel)), { recursive: true });
      assert.match(
        runGenerator('generate-messages.mjs', '--root', tmp).stderr,
        /messages\.gen\.ts \(missing\)/,
      );
      const text = fs.readFileSync(path.join(repoRoot, rel), 'utf8');
      fs.writeFileSync(path.join(tmp, rel), text);
      assert.equal(runGenerator('generate-messages.mjs', '--root', tmp).status, 0);
      fs.writeFileSync(path.join(tmp, rel), text.replace('IST0101', 'IST0100'));
      const stale = runGenerator('generate-messages.mjs', '--root', tmp);
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /messages\.gen\.ts/);

      fs.mkdirSync(path.join(tmp, 'schemas/inject'), { recursive: true });
      const bundle = 'schemas/inject/bundle.json';
      fs.copyFileSync(path.join(repoRoot, bundle), path.join(tmp, bundle));
      fs.writeFileSync(path.join(tmp, 'schemas/inject/old.json'), '{}\n');
      const extra = runGenerator('generate-inject-bundle.mjs', '--root', tmp);
      assert.equal(extra.status, 1);
      assert.match(extra.stderr, /old\.json \(not generated\)/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
