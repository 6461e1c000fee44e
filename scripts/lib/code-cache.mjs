// V8's code cache of the CLI bundle (server/src/cli/launch.ts): one check of examples/ with the cache
// written when it ends, so it holds the functions a check compiles. Shared by the build and the bench's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Runs `<distDir>/cli.js check examples/` once, writing `<distDir>/cli-main.js.cache`; `root` holds examples/. */
export function makeCodeCache(root, distDir = path.join(root, 'dist')) {
  const cache = path.join(distDir, 'cli-main.js.cache');
  fs.rmSync(cache, { force: true });
  const run = spawnSync(
    process.execPath,
    [path.join(distDir, 'cli.js'), 'check', path.join(root, 'examples')],
    {
      env: { ...process.env, ISTIO_LENS_WRITE_CODE_CACHE: '1' },
      stdio: 'ignore',
    },
  );
  // The examples hold mistakes on purpose: exit 1 is a finished check.
  if (run.status !== 0 && run.status !== 1) throw new Error(`code cache: check exited with ${run.status}`);
  if (!fs.existsSync(cache)) throw new Error(`code cache: ${cache} was not written`);
}
