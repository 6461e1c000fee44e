// Every CEL rule of the bundled CRDs compiles with our environment, and the Kubernetes library
// functions behave as the API server's (table-driven).
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { compile, compiledRuleCount, isTransitionRule } from '../../server/src/engine/cel/compiler';
import { istioData, readText } from '../helpers/paths';

interface CrdDoc {
  kind?: string;
  spec: { names: { kind: string }; versions: { schema?: { openAPIV3Schema?: unknown } }[] };
}
type CelRule = { kind: string; rule: string; messageExpression?: string };

/** Every x-kubernetes-validations rule in the three CRD files, read directly from third_party. */
function crdRules(): CelRule[] {
  const out: CelRule[] = [];
  for (const f of ['crd-all.gen.yaml', 'gateway-api-crd.yaml', 'gateway-api-inference-extension-crd.yaml']) {
    for (const d of parseAllDocuments(readText(path.join(istioData, 'crds', f)))) {
      const crd = d.toJS() as CrdDoc | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        const stack: unknown[] = [v.schema?.openAPIV3Schema];
        while (stack.length) {
          const n = stack.pop();
          if (Array.isArray(n)) {
            stack.push(...(n as unknown[]));
            continue;
          }
          if (!n || typeof n !== 'object') continue;
          for (const [k, x] of Object.entries(n)) {
            if (k === 'x-kubernetes-validations' && Array.isArray(x))
              for (const r of x as Omit<CelRule, 'kind'>[]) out.push({ kind: crd.spec.names.kind, ...r });
            else stack.push(x);
          }
        }
      }
    }
  }
  return out;
}

test('every CEL rule of the bundled CRDs compiles (transition rules aside)', () => {
  const rules = crdRules();
  const distinct = new Set(rules.map((r) => r.rule));
  const failed: string[] = [];
  let transition = 0;
  const t0 = process.hrtime.bigint();
  for (const r of distinct) {
    if (isTransitionRule(r)) {
      transition++;
      continue;
    }
    const c = compile(r);
    if (!c.program) failed.push(`${r}: ${c.error}`);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  for (const r of rules)
    if (r.messageExpression && !compile(r.messageExpression).program)
      failed.push(`messageExpression ${r.messageExpression}`);
  console.log(
    `CEL: ${rules.length} rule blocks in the CRDs, ${distinct.size} distinct expressions, ${distinct.size - transition - failed.length} compiled, ${transition} transition rules skipped, ${ms.toFixed(0)} ms to compile them all; compiled programs in this process: ${compiledRuleCount()}`,
  );
  assert.ok(rules.length > 500, 'the CRDs carry hundreds of rules');
  assert.deepEqual(failed, []);
});

describe('Kubernetes CEL library', () => {
  /** Predicates on a string `self`: [expression, self, its value]. */
  const predicates: [string, string, boolean][] = [
    ['isURL(self)', 'https://example.com/path?q=1', true],
    ['isURL(self)', 'oci://ghcr.io/org/image:tag', true],
    ['isURL(self)', 'ghcr.io/org/image:tag', false],
    ['isURL(self)', '/absolute/path', true],
    ['isURL(self)', 'http://host:port/x', false],
    ['isURL(self)', 'http://bad host/x', false],
    // Go's url.ParseRequestURI, exactly: what it refuses, and what it lets through.
    ['isURL(self)', '', false],
    ['isURL(self)', '*', true],
    ['isURL(self)', 'mailto:someone@example.com', true],
    ['isURL(self)', ':no-scheme', false],
    ['isURL(self)', 'http://a.b/%zz', false],
    ['isURL(self)', 'http://a.b/%41', true],
    ['isURL(self)', 'http://a%41.b/', false], // a host may only escape non-ASCII bytes
    ['isURL(self)', 'http://a%C3%A9.b/', true],
    ['isURL(self)', 'http://a%2f.b/', false],
    ['isURL(self)', 'http://a{b}/', false],
    ['isURL(self)', 'http://[fe80::1%25en0]:8080/', true],
    ['isURL(self)', 'http://[::1/', false],
    ['isURL(self)', 'http://u{ser@host/', false],
    ['isURL(self)', 'http://user:p%zz@host/', false],
    ['isURL(self)', 'http://h/a#frag', true],
    ['isURL(self)', 'http://h/a\u0001', false],
    ['isURL(self)', '//host/path', true],
    ['isIP(self)', '10.0.0.1', true],
    ['isIP(self)', 'fd00::1', true],
    ['isIP(self)', '010.0.0.1', false],
    ['isIP(self)', 'example.com', false],
    ['isCIDR(self)', '10.0.0.0/8', true],
    ['format.dns1123Label().validate(self) == null', 'my-backend', true],
    ['format.dns1123Label().validate(self) == null', 'My_Backend', false],
    ['format.dns1123Subdomain().validate(self) == null', 'a.b-c.d', true],
    ['int(self) <= 65535', '8080', true],
    ["self.split('/')[0].size() < 253", 'a.example.com/x', true],
    ["duration(self) >= duration('1ms')", '100us', false],
    ["self.matches('^[a-z]+$')", 'abc', true],
  ];
  /** Values of expressions on string inputs, by expression then input ('error': evaluating fails). */
  const values: Record<string, Record<string, string>> = {
    'url(self).getScheme()': { 'HTTPS://example.com': 'https', 'not a url': 'error' },
    // getters read url.Parse: a reference without a scheme has a host
    'url(self).getHost()': { 'https://example.com:8443/x': 'example.com:8443', '//host/path': 'host' },
    'url(self).getHostname()': {
      'https://[::1]:8443/x': '::1',
      'http://[fe80::1%25en0]:8080/': 'fe80::1%en0',
    },
    'url(self).getPort()': { 'https://example.com:8443/x': '8443' },
    'url(self).getEscapedPath()': {
      'https://example.com/a%20b': '/a%20b',
      'https://example.com/a b': '/a%20b',
    },
    'int(self)': { http: 'error' },
    'self.substring(7, 8)': { 'unix:///var/run': '/' },
  };
  const cases = [
    ...predicates.map(([expr, self, want]) => ({ expr, self, want })),
    ...Object.entries(values).flatMap(([expr, byInput]) =>
      Object.entries(byInput).map(([self, want]) => ({ expr, self, want })),
    ),
  ];
  for (const c of cases) {
    it(`${c.expr} on ${JSON.stringify(c.self)}`, () => {
      const p = compile(c.expr).program!;
      assert.ok(p, 'compiles');
      const r = p(c.self);
      if (c.want === 'error') assert.ok('error' in r, JSON.stringify(r));
      else assert.deepEqual('value' in r ? r.value : r, c.want);
    });
  }
});
