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
  const cases: { expr: string; self: unknown; want: unknown }[] = [
    { expr: 'isURL(self)', self: 'https://example.com/path?q=1', want: true },
    { expr: 'isURL(self)', self: 'oci://ghcr.io/org/image:tag', want: true },
    { expr: 'isURL(self)', self: 'ghcr.io/org/image:tag', want: false },
    { expr: 'isURL(self)', self: '/absolute/path', want: true },
    { expr: 'isURL(self)', self: 'http://host:port/x', want: false },
    { expr: 'isURL(self)', self: 'http://bad host/x', want: false },
    { expr: 'url(self).getScheme()', self: 'HTTPS://example.com', want: 'https' },
    { expr: 'url(self).getHost()', self: 'https://example.com:8443/x', want: 'example.com:8443' },
    { expr: 'url(self).getHostname()', self: 'https://[::1]:8443/x', want: '::1' },
    { expr: 'url(self).getPort()', self: 'https://example.com:8443/x', want: '8443' },
    { expr: 'url(self).getEscapedPath()', self: 'https://example.com/a%20b', want: '/a%20b' },
    { expr: 'url(self).getScheme()', self: 'not a url', want: 'error' },
    // Go's url.ParseRequestURI, exactly: what it refuses, and what it lets through.
    { expr: 'isURL(self)', self: '', want: false },
    { expr: 'isURL(self)', self: '*', want: true },
    { expr: 'isURL(self)', self: 'mailto:someone@example.com', want: true },
    { expr: 'isURL(self)', self: ':no-scheme', want: false },
    { expr: 'isURL(self)', self: 'http://a.b/%zz', want: false },
    { expr: 'isURL(self)', self: 'http://a.b/%41', want: true },
    { expr: 'isURL(self)', self: 'http://a%41.b/', want: false }, // a host may only escape non-ASCII bytes
    { expr: 'isURL(self)', self: 'http://a%C3%A9.b/', want: true },
    { expr: 'isURL(self)', self: 'http://a%2f.b/', want: false },
    { expr: 'isURL(self)', self: 'http://a{b}/', want: false },
    { expr: 'isURL(self)', self: 'http://[fe80::1%25en0]:8080/', want: true },
    { expr: 'isURL(self)', self: 'http://[::1/', want: false },
    { expr: 'isURL(self)', self: 'http://u{ser@host/', want: false },
    { expr: 'isURL(self)', self: 'http://user:p%zz@host/', want: false },
    { expr: 'isURL(self)', self: 'http://h/a#frag', want: true },
    { expr: 'isURL(self)', self: 'http://h/a\u0001', want: false },
    { expr: 'isURL(self)', self: '//host/path', want: true },
    { expr: 'url(self).getHost()', self: '//host/path', want: 'host' }, // getters read url.Parse
    { expr: 'url(self).getEscapedPath()', self: 'https://example.com/a b', want: '/a%20b' },
    { expr: 'url(self).getHostname()', self: 'http://[fe80::1%25en0]:8080/', want: 'fe80::1%en0' },
    { expr: 'isIP(self)', self: '10.0.0.1', want: true },
    { expr: 'isIP(self)', self: 'fd00::1', want: true },
    { expr: 'isIP(self)', self: '010.0.0.1', want: false },
    { expr: 'isIP(self)', self: 'example.com', want: false },
    { expr: 'isCIDR(self)', self: '10.0.0.0/8', want: true },
    { expr: 'format.dns1123Label().validate(self) == null', self: 'my-backend', want: true },
    { expr: 'format.dns1123Label().validate(self) == null', self: 'My_Backend', want: false },
    { expr: 'format.dns1123Subdomain().validate(self) == null', self: 'a.b-c.d', want: true },
    { expr: 'int(self) <= 65535', self: '8080', want: true },
    { expr: 'int(self)', self: 'http', want: 'error' },
    { expr: "self.split('/')[0].size() < 253", self: 'a.example.com/x', want: true },
    { expr: 'self.substring(7, 8)', self: 'unix:///var/run', want: '/' },
    { expr: "duration(self) >= duration('1ms')", self: '100us', want: false },
    { expr: "self.matches('^[a-z]+$')", self: 'abc', want: true },
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
