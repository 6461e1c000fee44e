// `npm run report:mutations [-- --per-type N] [-- --verbose]`: mutation recall on third_party/realworld/
// (test/realworld/mutations.ts): N hand-made mistakes of each type per repository, each checked with the
// whole repository; prints the share caught per type and, with --verbose, every mutation missed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTs } from './lib/require-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv.find((a) => a.startsWith('--per-type='));
const perType = arg ? Number(arg.slice('--per-type='.length)) : 10;
const verbose = process.argv.includes('--verbose');
const m = await requireTs(root, 'test/realworld/mutations.ts', 'report-mutations');
const corpus = path.join(root, 'third_party', 'realworld');
const repos = fs
  .readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const byType = new Map(m.MUTATION_TYPES.map((t) => [t, { n: 0, caught: 0 }]));
const missed = [];
for (const repo of repos)
  for (const r of m.mutateRepo(corpus, repo, perType, root)) {
    const s = byType.get(r.type);
    s.n++;
    if (r.caught) s.caught++;
    else missed.push(`${repo}/${r.file}:${r.line} ${r.type} ${r.what}`);
  }
let n = 0;
let caught = 0;
for (const [type, s] of byType) {
  console.log(`${type.padEnd(16)} ${String(s.caught).padStart(4)} of ${String(s.n).padStart(4)} caught`);
  n += s.n;
  caught += s.caught;
}
console.log(`${'total'.padEnd(16)} ${String(caught).padStart(4)} of ${String(n).padStart(4)} caught`);
if (verbose) for (const line of missed) console.log(`missed  ${line}`);
