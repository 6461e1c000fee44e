// The `istio-lens` executable runs the CLI bundle with V8's code cache (server/src/cli/launch.ts). The
// build makes the cache for the bundle it built; a missing, foreign or corrupt cache changes nothing but
// the time it takes, as V8 itself only compares a cache's source length.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';

const dist = path.join(repoRoot, 'dist');
const bundle = path.join(dist, 'cli-main.js');
const sha256 = (b: Buffer | string): Buffer => createHash('sha256').update(b).digest();
const example = path.join(repoRoot, 'examples', 'mistakes');

/** `check` of the examples by the executable of `distDir`: its output and summary (exit 1: they hold mistakes). */
function check(distDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const run = spawnSync(process.execPath, [path.join(distDir, 'cli.js'), 'check', example], {
    encoding: 'utf8',
    env,
  });
  assert.equal(run.status, 1, `exit 1: the examples hold mistakes\n${run.stderr}`);
  return run.stdout + run.stderr;
}

/**
 * A copy of the built executable and bundle (or `source` as the bundle), in a package beside the schemas
 * they read, with `cache` as its code cache.
 */
function copyWith(cache: Buffer | undefined, source?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-cache-'));
  const to = path.join(root, 'dist');
  fs.mkdirSync(to);
  fs.copyFileSync(path.join(dist, 'cli.js'), path.join(to, 'cli.js'));
  if (source === undefined) fs.copyFileSync(bundle, path.join(to, 'cli-main.js'));
  else fs.writeFileSync(path.join(to, 'cli-main.js'), source);
  if (cache) fs.writeFileSync(path.join(to, 'cli-main.js.cache'), cache);
  fs.symlinkSync(path.join(repoRoot, 'schemas'), path.join(root, 'schemas'));
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  return to;
}

describe('CLI code cache', () => {
  it('the build made the cache of the bundle it built', () => {
    const cache = fs.readFileSync(`${bundle}.cache`);
    assert.ok(cache.length > 100_000, 'the functions a check compiles, not only the top level');
    assert.deepEqual(cache.subarray(0, 32), sha256(fs.readFileSync(bundle, 'utf8')));
  });

  it('gives the same output with the cache, without one, and with a foreign or corrupt one', () => {
    const expected = check(dist);
    assert.match(expected, /file\(s\) checked: \d+ error/, 'the summary, whose words the next case changes');
    const real = fs.readFileSync(`${bundle}.cache`);
    // The cache of another bundle of the same length, which V8 alone would take: its summary says CHECKED.
    const other = copyWith(
      undefined,
      fs.readFileSync(bundle, 'utf8').replace('file(s) checked', 'file(s) CHECKED'),
    );
    let foreign: Buffer;
    try {
      assert.match(check(other, { ...process.env, ISTIO_LENS_WRITE_CODE_CACHE: '1' }), /CHECKED/);
      foreign = fs.readFileSync(path.join(other, 'cli-main.js.cache'));
    } finally {
      fs.rmSync(path.dirname(other), { recursive: true, force: true });
    }
    const variants: Record<string, Buffer | undefined> = {
      none: undefined,
      foreign,
      corrupt: Buffer.concat([real.subarray(0, 32), Buffer.alloc(4096, 7)]),
    };
    for (const [name, cache] of Object.entries(variants)) {
      const to = copyWith(cache);
      try {
        assert.equal(check(to), expected, name);
      } finally {
        fs.rmSync(path.dirname(to), { recursive: true, force: true });
      }
    }
  });
});
