// The cost of CEL evaluation per document, measured over every Istio/Gateway API document of the
// validation corpus and the samples (rules already compiled; the first pass warms the cache).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile, type ParsedDoc } from '../../server/src/engine/parse/parseFile';
import { celRootView } from '../../server/src/engine/cel/registry-source';
import { evaluateCel, type CelStats } from '../../server/src/engine/cel/evaluate';
import { testEnv } from '../helpers/env';
import { istioData, readText } from '../helpers/paths';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

test('CEL evaluation cost per document', () => {
  const env = testEnv();
  const docs: ParsedDoc[] = [];
  for (const f of [
    ...yamlFiles(path.join(istioData, 'validation')),
    ...yamlFiles(path.join(istioData, 'samples')),
  ]) {
    for (const d of parseFile('file:///' + f, readText(f)).docs) {
      const r = d.resource;
      if (r && celRootView(env.schemas, r.group, r.version, r.kind)) docs.push(d);
    }
  }
  assert.ok(docs.length > 50, `documents with CEL rules: ${docs.length}`);
  const stats: CelStats = { evaluated: 0, skippedTransition: 0, skippedUncompilable: 0 };
  const once = (s?: CelStats) => {
    for (const d of docs) {
      const r = d.resource!;
      evaluateCel(celRootView(env.schemas, r.group, r.version, r.kind)!, r.root, d.ast, s);
    }
  };
  once(stats); // warm: compiles each distinct rule once
  const rounds = 20;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) once();
  const perDocUs = Number(process.hrtime.bigint() - t0) / 1000 / rounds / docs.length;
  console.log(
    `CEL cost: ${docs.length} documents, ${(stats.evaluated / docs.length).toFixed(1)} rule evaluations per document, ${perDocUs.toFixed(0)} µs per document (mean of ${rounds} rounds, rules compiled once)`,
  );
  assert.equal(stats.skippedUncompilable, 0);
});
