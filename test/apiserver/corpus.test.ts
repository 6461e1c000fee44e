// No false positive: Istio's samples and the real-world corpus (third_party/) are applied as they are,
// so rule k8s-validation finds nothing in them but the rejections reviewed one by one in
// test/realworld/review.json, while it does validate their built-in kinds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import { k8sValidation } from '../../server/src/engine/rules/k8s-validation';
import { VALIDATED_KINDS } from '../../server/src/engine/apiserver';
import { testEnv } from '../helpers/env';
import { istioData, readText, repoRoot } from '../helpers/paths';

/** The corpus' k8s-validation findings reviewed as true rejections, as `file:code message`. */
const reviewed = (
  JSON.parse(readText(path.join(repoRoot, 'test/realworld/review.json'))) as {
    findings: { file: string; code: string; message: string }[];
  }
).findings
  .filter((f) => f.code === 'k8s-validation')
  .map((f) => `third_party/realworld/${f.file}: ${f.code} ${f.message}`);

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isFile() && /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

function scan(dir: string): { validated: number; findings: string[] } {
  const env = testEnv();
  const kinds = new Set(VALIDATED_KINDS);
  let validated = 0;
  const findings: string[] = [];
  for (const f of yamlFiles(dir)) {
    const file = parseFile(`file://${f}`, fs.readFileSync(f, 'utf8'), 1);
    for (const doc of file.docs) {
      if (doc.templated || !doc.resource) continue;
      if (kinds.has(`${doc.resource.apiVersion}/${doc.resource.kind}`)) validated++;
      for (const d of runRules(file, doc, env, [k8sValidation]))
        findings.push(`${path.relative(repoRoot, f)}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
    }
  }
  return { validated, findings };
}

describe('k8s-validation on real manifests', () => {
  it('Istio samples: built-in kinds validated, nothing reported', () => {
    const r = scan(path.join(istioData, 'samples'));
    assert.ok(r.validated >= 20, `only ${r.validated} documents of validated kinds`);
    assert.deepEqual(r.findings, []);
  });
  it('real-world corpus: built-in kinds validated, only the reviewed rejections reported', () => {
    const r = scan(path.join(repoRoot, 'third_party', 'realworld'));
    assert.ok(r.validated >= 100, `only ${r.validated} documents of validated kinds`);
    assert.ok(reviewed.length >= 1);
    assert.deepEqual(
      r.findings.map((f) => f.replace(/:\d+: /, ': ')),
      reviewed,
    );
  });
});
