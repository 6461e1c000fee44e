// Every document of Istio's samples is valid: no errors through the whole pipeline. The one exception
// is bookinfo-certificate.yaml, written for an obsolete cert-manager API: an unknown kind. Istio's own
// validation warns about one sample (KNOWN_WARNINGS): we must say what it says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { istioData, readText } from '../helpers/paths';
import { testEnv } from '../helpers/env';

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
    })
    .sort();
}

/** Warnings Istio's validation gives for a sample as written (istioctl validate reports them too). */
const KNOWN_WARNINGS: Readonly<Record<string, string[]>> = {
  // Two HTTP rules without a match: the second can never be reached.
  'bookinfo/networking/fault-injection-details-v1.yaml': [
    '18: IST0130 virtualService rule #1 not used (only the last rule can have no matches)',
  ],
};

describe('istio samples', () => {
  const root = path.join(istioData, 'samples');
  const files = yamlFiles(root);
  it('finds the samples', () => assert.ok(files.length >= 40, `only ${files.length} sample files`));
  const env = testEnv();
  let resources = 0;
  for (const f of files) {
    const rel = path.relative(root, f);
    it(rel, () => {
      const file = parseFile(`file://${f}`, readText(f));
      resources += file.docs.filter((d) => d.resource).length;
      const problems = checkFile(file, env).filter((d) => d.severity <= Severity.Warning);
      if (rel.endsWith('bookinfo-certificate.yaml')) {
        assert.ok(
          problems.length > 0 || checkFile(file, env).some((d) => d.code === 'unknown-kind'),
          'the obsolete cert-manager kind is reported',
        );
        assert.deepEqual([...new Set(checkFile(file, env).map((d) => d.code))], ['unknown-kind']);
        return;
      }
      assert.deepEqual(
        problems.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
        KNOWN_WARNINGS[rel] ?? [],
      );
    });
  }
  it('checked every resource', () => assert.ok(resources >= 100, `${resources} resources`));
});
