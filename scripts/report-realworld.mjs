// `npm run report:realworld [-- --verbose] [-- extra check flags]`: checks each folder of
// third_party/realworld/ as one workspace and prints the scores of test/realworld/corpus.ts (the same
// figures test/realworld/realworld.test.ts asserts), then, with --verbose, every finding not `expected`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTs } from './lib/require-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.argv.includes('--verbose');
const extra = process.argv.slice(2).filter((a) => a !== '--verbose');
const corpus = await requireTs(root, 'test/realworld/corpus.ts', 'report-realworld');
const dir = corpus.corpusRoot(root);
const expectations = corpus.loadExpectations(dir);
const review = corpus.loadReview(root);
const scores = corpus.repos(dir).map((r) => corpus.scoreRepo(dir, r, expectations, extra, review));
console.log(corpus.formatTable(scores));
if (verbose)
  for (const s of scores) {
    for (const f of s.findings) {
      const e = expectations[f.file] ?? {};
      const kind = e.expected?.includes(f.code)
        ? 'expected'
        : e.acceptable?.includes(f.code)
          ? 'acceptable'
          : review.some((r) => r.file === f.file && r.code === f.code && f.message.startsWith(r.message))
            ? 'reviewed'
            : 'other';
      console.log(`${kind.padEnd(10)}${f.file}:${f.line} ${f.severity} ${f.code} ${f.message}`);
    }
    for (const m of s.missed) console.log(`missed    ${m}`);
    for (const f of s.forbidden) console.log(`must_not  ${f.file}:${f.line} ${f.code} ${f.message}`);
    for (const m of s.overMax) console.log(`max_count ${m}`);
  }
