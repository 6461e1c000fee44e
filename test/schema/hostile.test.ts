// Hostile input against the schema layer: deep nesting in a recursive schema, alias bombs, huge
// scalars, very wide mappings. Everything returns, quickly, with bounded output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertTerminated } from '../helpers/hangGuard';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { schemaCompletions } from '../../server/src/engine/services/completion';
import { schemaHover } from '../../server/src/engine/services/hover';
import { testEnv } from '../helpers/env';

const CRD_HEAD =
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\nspec:\n  group: g\n  names: {kind: K, plural: ks}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n';

function deepSchema(depth: number): string {
  // JSONSchemaProps is recursive: properties -> p -> properties -> p ... (flow style keeps lines short)
  return (
    CRD_HEAD + '        ' + '{properties: {p: '.repeat(depth) + '{type: string}' + '}}'.repeat(depth) + '\n'
  );
}

const cases: { name: string; text: string }[] = [
  { name: 'deep recursive schema (JSONSchemaProps)', text: deepSchema(300) },
  {
    name: 'alias bomb inside a validated resource',
    text:
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: b\nspec:\n  hosts: &a [x, x, x, x, x, x, x, x, x, x]\n' +
      Array.from(
        { length: 8 },
        (_, i) =>
          `  x${i}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill('*' + String.fromCharCode(97 + i))
            .join(', ')}]\n`,
      ).join('') +
      '  http:\n  - route: *i\n',
  },
  {
    name: 'huge scalar in a pattern-checked field',
    text:
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: h\nspec:\n  hostnames:\n  - ' +
      'a'.repeat(2_000_000) +
      '\n',
  },
  {
    // Gateway API's header value pattern `^[!-~]+([\t ]?[!-~]+)*$` backtracks exponentially in a JS RegExp.
    name: 'pathological input for a CRD pattern',
    text:
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: h\nspec:\n  rules:\n  - matches:\n    - headers:\n      - name: x\n        value: "' +
      'a.'.repeat(2000) +
      '\\u0001"\n',
  },
  {
    name: 'very wide mapping of unknown fields',
    text:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n' +
      Array.from({ length: 20_000 }, (_, i) => `  f${i}: ${i}\n`).join(''),
  },
  {
    name: 'many documents',
    text: Array.from(
      { length: 3000 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: ${i}\n`,
    ).join('---\n'),
  },
];

describe('hostile input (schema layer)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const t0 = performance.now();
      const file = parseFile('file:///h.yaml', c.text);
      const diags = checkFile(file, testEnv());
      const mid = Math.floor(c.text.length / 2);
      schemaCompletions(file, mid, testEnv());
      schemaHover(file, mid, testEnv());
      const ms = performance.now() - t0;
      assertTerminated(ms, c.name);
      assert.ok(diags.length <= 200 * Math.max(1, file.docs.length), `${diags.length} diagnostics`);
      assert.ok(
        !diags.some((d) => d.code === 'internal-error'),
        JSON.stringify(diags.filter((d) => d.code === 'internal-error')),
      );
    });
  }
  it('the wide mapping is summarised, not flooded', () => {
    const text = cases.find((c) => c.name.startsWith('very wide'))!.text;
    const diags = checkFile(parseFile('file:///w.yaml', text), testEnv());
    assert.ok(diags.filter((d) => d.code === 'unknown-field').length <= 100);
    assert.ok(
      diags.some((d) => d.code === 'too-many-problems'),
      JSON.stringify(diags.slice(-2)),
    );
  });
});
