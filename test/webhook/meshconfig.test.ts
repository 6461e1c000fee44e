// Istio's mesh-level validation tables (third_party/istio/admission/meshconfig-cases.jsonl): every
// MeshConfig, MeshConfig.defaultConfig and MeshNetworks case gives Istio's verdict, and each of
// Istio's messages is contained in one of ours, on a node of the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { getIn } from '../../server/src/engine/parse/nodes';
import { applyMeshConfig } from '../../server/src/engine/mesh';
import {
  meshConfigErrors,
  validateMeshConfig,
  validateMeshConfigProxyConfig,
  validateMeshNetworks,
} from '../../server/src/engine/webhook/meshconfig';
import type { WebhookFinding } from '../../server/src/engine/webhook/types';
import { readText, repoRoot } from '../helpers/paths';

interface MeshCase {
  id: string;
  kind: 'MeshConfig' | 'MeshConfigProxyConfig' | 'MeshNetworks';
  source: string;
  manifest: string;
  valid: boolean;
  errors: string[];
  warnings: string[];
}

const VALIDATE = {
  MeshConfig: validateMeshConfig,
  MeshConfigProxyConfig: validateMeshConfigProxyConfig,
  MeshNetworks: validateMeshNetworks,
};

const cases: MeshCase[] = readText(
  path.join(repoRoot, 'third_party', 'istio', 'admission', 'meshconfig-cases.jsonl'),
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as MeshCase);
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

test('the mesh cases are all there', () => {
  assert.equal(cases.length, 32);
});

for (const c of cases) {
  test(`${c.kind} ${c.source}`, () => {
    const file = parseFile(`file:///mesh/${c.id}.yaml`, c.manifest);
    const doc = file.docs[0];
    const body = c.kind === 'MeshNetworks' ? 'meshNetworks' : 'mesh';
    const value: unknown = (doc.ast.toJS() as Record<string, unknown>)[body];
    const out: WebhookFinding[] = [];
    VALIDATE[c.kind](value, (p) => getIn(doc.ast.contents, [body, ...p], doc.ast), out);
    const errors = out.filter((f) => f.severity === 'error');
    const warnings = out.filter((f) => f.severity === 'warning').map((f) => collapse(f.message));
    assert.equal(errors.length === 0, c.valid, JSON.stringify(errors.map((f) => f.message)));
    for (const m of c.errors)
      assert.ok(
        errors.some((f) => collapse(f.message).includes(collapse(m))),
        `missing error ${m}; got ${JSON.stringify(errors.map((f) => f.message))}`,
      );
    for (const m of c.warnings)
      assert.ok(
        warnings.some((w) => w.includes(collapse(m))),
        `missing warning ${m}`,
      );
    // Every finding sits on a node of the document (the field, or its nearest existing parent).
    for (const f of out) assert.ok(f.node, `no node for ${f.message}`);
  });
}

test("an overlay merged onto Istio's defaults is what istiod validates", () => {
  assert.deepEqual(
    meshConfigErrors(applyMeshConfig({ trustDomain: 'cluster.local', defaultConfig: {} })),
    [],
  );
  assert.deepEqual(
    meshConfigErrors(
      applyMeshConfig({ connectTimeout: '7200s', defaultConfig: { discoveryAddress: 'istiod' } }),
    ),
    [
      'invalid connect timeout: time 2h0m0s must be >1ms and <1h0m0s',
      'invalid discovery address: unable to split "istiod": address istiod: missing port in address',
    ],
  );
});
