// The CEL and annotation rules never crash: every YAML file of the upstream data (analysis testdata,
// injection inputs, samples, validation documents) and the seed fixture run without internal-error,
// and a hostile document (deep nesting, alias fan-out) finishes quickly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertTerminated } from '../helpers/hangGuard';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import { celValidation } from '../../server/src/engine/rules/cel-validation';
import { misplacedAnnotation } from '../../server/src/engine/rules/IST0107';
import { unknownAnnotation } from '../../server/src/engine/rules/IST0108';
import { invalidAnnotation } from '../../server/src/engine/rules/IST0125';
import { deprecatedAnnotation } from '../../server/src/engine/rules/IST0135';
import { alphaAnnotation } from '../../server/src/engine/rules/IST0136';
import { testEnv } from '../helpers/env';
import { istioData, seedFixture, readText } from '../helpers/paths';

const RULES = [
  celValidation,
  misplacedAnnotation,
  unknownAnnotation,
  invalidAnnotation,
  deprecatedAnnotation,
  alphaAnnotation,
];

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.(ya?ml|injected)$/.test(e.name)) out.push(p);
  }
  return out;
}

test('no internal errors over the upstream YAML', () => {
  const env = testEnv();
  const files = ['analysis', 'inject', 'samples', 'validation'].flatMap((d) =>
    yamlFiles(path.join(istioData, d)),
  );
  if (fs.existsSync(seedFixture)) files.push(seedFixture);
  const crashes: string[] = [];
  for (const f of files) {
    const file = parseFile('file:///' + f, readText(f));
    for (const doc of file.docs) {
      if (!doc.resource) continue;
      for (const d of runRules(file, doc, env, RULES))
        if (d.code === 'internal-error') crashes.push(`${f}: ${d.message}`);
    }
  }
  assert.ok(files.length > 100);
  assert.deepEqual(crashes, []);
});

test('hostile documents finish quickly', () => {
  const deep =
    'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: x\nspec:\n  hosts: [a]\n  ports:\n' +
    '  - number: 0\n    name: p\n'.repeat(5000);
  const nested =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    a: &a [' +
    '['.repeat(2000) +
    ']'.repeat(2000) +
    ']\nspec: {}\n';
  for (const text of [deep, nested]) {
    const file = parseFile('file:///h.yaml', text);
    const t0 = Date.now();
    const diags = runRules(file, file.docs[0], testEnv(), RULES);
    assertTerminated(Date.now() - t0, 'deep CEL input');
    assert.ok(
      !diags.some((d) => d.code === 'internal-error'),
      JSON.stringify(diags.find((d) => d.code === 'internal-error')),
    );
  }
});
