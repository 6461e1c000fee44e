// Differential test over a corpus of our own (test/inject/differential/): realistic workloads, and
// what Istio does to them written down by hand from Istio's source (expectations.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { corpus } from './differential/expectations';
import { repoRoot } from '../helpers/paths';
import { inject } from './goldenCases';

const corpusDir = path.join(repoRoot, 'test', 'inject', 'differential');

/** Dotted path; `\.` is a dot inside a key, numeric parts index lists, `length` is a list's length. */
function at(v: unknown, p: string): unknown {
  let cur = v;
  for (const raw of p.split(/(?<!\\)\./)) {
    const k = raw.replace(/\\\./g, '.');
    if (Array.isArray(cur)) cur = k === 'length' ? cur.length : (cur as unknown[])[Number(k)];
    else if (typeof cur === 'object' && cur !== null) cur = (cur as Record<string, unknown>)[k];
    else return undefined;
  }
  return cur;
}

function proxyEnv(doc: unknown, name: string): unknown {
  const spec = at(doc, 'kind') === 'Pod' ? at(doc, 'spec') : at(doc, 'spec.template.spec');
  const all = [at(spec, 'initContainers'), at(spec, 'containers')].flatMap((l) =>
    Array.isArray(l) ? (l as unknown[]) : [],
  );
  const proxy = all.find((c) => at(c, 'name') === 'istio-proxy');
  const env = at(proxy, 'env');
  return Array.isArray(env)
    ? at(
        (env as unknown[]).find((e) => at(e, 'name') === name),
        'value',
      )
    : undefined;
}

describe('differential corpus: injection as Istio describes it', () => {
  for (const c of corpus) {
    it(c.file, () => {
      const text = fs.readFileSync(path.join(corpusDir, c.file), 'utf8');
      const r = inject(['-f', c.file, ...(c.args ?? [])], { [c.file]: text });
      assert.equal(r.code, 0, r.stderr);
      const inDocs = parseAllDocuments(text);
      const outDocs = parseAllDocuments(r.stdout);
      assert.equal(outDocs.length, inDocs.length, 'every document is printed');
      for (const e of c.docs) {
        const doc: unknown = outDocs[e.doc].toJS();
        const where = `${c.file} document ${e.doc + 1}`;
        if (e.skipped) {
          assert.deepEqual(doc, inDocs[e.doc].toJS(), `${where}: left alone`);
          assert.match(r.stderr + r.stdout, /Skipping injection/, `${where}: the skip is reported`);
        }
        for (const [name, want] of Object.entries(e.env ?? {}))
          assert.equal(proxyEnv(doc, name), want, `${where}: istio-proxy env ${name}`);
        for (const [p, want] of Object.entries(e.paths ?? {})) {
          const got = at(doc, p);
          if (typeof want === 'function')
            assert.ok((want as (v: unknown) => boolean)(got), `${where}: ${p} = ${JSON.stringify(got)}`);
          else assert.deepEqual(got, want, `${where}: ${p}`);
        }
      }
    });
  }
});
