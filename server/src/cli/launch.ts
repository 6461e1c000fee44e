// The `istio-lens` executable: runs the CLI bundle (cli-main.js, built from bin.ts) with V8's code cache
// of it, which `npm run build` makes by checking examples/ once. Compiling the bundle's functions is most
// of a small run's start-up (a one-document check: 0.15 s without the cache, 0.11 s with it). V8 checks
// a cache against the source's length only, so the cache starts with the SHA-256 of the bundle it was
// made from; a missing, stale or rejected cache costs the compile it would have saved, nothing else.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import v8 from 'node:v8';
import Module from 'node:module';
import { createHash } from 'node:crypto';

/** Set to 1 by the build: write the cache when the run ends. */
const WRITE_ENV = 'ISTIO_LENS_WRITE_CODE_CACHE';
const DIGEST_BYTES = 32;

// A check is one short batch run: V8's optimizing compiler, inlining deeply into the analyzers' large
// functions, spent on its background threads about as much CPU as the check itself (on two cores, time
// the main thread then waits for), and the code it bought was no faster for a run this short. A small
// inlining budget keeps the cheap inlines (accessors, tiny helpers) and drops most of that compile work.
// Set before compiling: a code cache holds the flags it was made under, and V8 rejects it under others.
v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');

const bundle = path.join(__dirname, 'cli-main.js');
const cacheFile = `${bundle}.cache`;
const source = fs.readFileSync(bundle, 'utf8');
const digest = createHash('sha256').update(source).digest();

const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cachedData() });
if (process.env[WRITE_ENV] === '1') process.once('exit', writeCache);

const mod = new Module(bundle, module);
mod.filename = bundle;
const run = script.runInThisContext() as (...args: unknown[]) => void;
run.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, __dirname);

/** The cache made from this very bundle, if there is one. */
function cachedData(): Buffer | undefined {
  try {
    const data = fs.readFileSync(cacheFile);
    return data.subarray(0, DIGEST_BYTES).equals(digest) ? data.subarray(DIGEST_BYTES) : undefined;
  } catch {
    return undefined; // none made (a build that skipped it), or unreadable: compile as usual
  }
}

/** After the run, so the cache holds every function it compiled, not only the top level. */
function writeCache(): void {
  try {
    fs.writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()]));
  } catch {
    // A read-only install keeps running without one.
  }
}
