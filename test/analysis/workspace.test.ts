import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import {
  analyzeWorkspace,
  buildWorkspace,
  fileContribution,
  fqdn,
  goFormat,
  hostMatches,
  labelSelectorMatches,
  selectorMatches,
  applyMeshConfig,
} from '../../server/src/engine/analysis';
import type { Analyzer } from '../../server/src/engine/analysis';
import { strs, valueAt } from '../../server/src/engine/util/json';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs
spec:
  hosts: [reviews]
  gateways: [missing-gw]
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: reviews, namespace: bookinfo}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: reviews-v1, namespace: bookinfo}
  spec:
    template:
      metadata: {labels: {app: reviews, version: v1}}
`;

/** A toy analyzer: reports every VirtualService gateway not found as an Istio Gateway. */
const toyGateway: Analyzer = {
  meta: {
    name: 'toy.Gateway',
    description: '',
    codes: ['IST0101'],
    inputs: ['VirtualService', 'Gateway'],
    inAll: true,
  },
  analyze(ctx) {
    for (const vs of ctx.resources('VirtualService', 'networking.istio.io')) {
      strs(valueAt(vs.value, 'spec', 'gateways')).forEach((g, i) => {
        if (!ctx.find('Gateway', vs.ns, g, 'networking.istio.io'))
          ctx.report('IST0101', vs, ['gateway', g], ['spec', 'gateways', i]);
      });
    }
  },
};

test('workspace: resources, List items, effective namespace, pods from templates', () => {
  const f = parseFile('file:///a.yaml', VS);
  const ws = buildWorkspace([f]);
  assert.deepEqual(ws.all.map(String), [
    'VirtualService vs',
    'Service bookinfo/reviews',
    'Deployment bookinfo/reviews-v1',
  ]);
  assert.equal(ws.find('VirtualService', 'default', 'vs')?.namespace, null);
  assert.equal(
    ws.find('Service', 'bookinfo', 'reviews')?.node(['metadata', 'name'])?.range?.[0],
    VS.indexOf('{name: reviews') + 7,
  );
  assert.deepEqual(
    ws.pods().map((p) => [p.name, p.ns, p.labels]),
    [['reviews-v1', 'bookinfo', { app: 'reviews', version: 'v1' }]],
  );
  const [c1, c2] = [fileContribution(f), fileContribution(f)];
  assert.ok(c1.length > 0 && c1.every((r, i) => r === c2[i]), 'resources are computed once per document');
});

test('analyzeWorkspace: message, severity, link, range, resource', () => {
  const f = parseFile('file:///a.yaml', VS);
  const got = analyzeWorkspace([f], { analyzers: [toyGateway] }).get(f.uri)!;
  assert.equal(got.length, 1);
  const d = got[0];
  assert.equal(d.message, 'Referenced gateway not found: "missing-gw"');
  assert.equal(d.severity, 1);
  assert.equal(d.codeDescription?.href, 'https://istio.io/latest/docs/reference/config/analysis/ist0101/');
  assert.deepEqual(d.resource, { kind: 'VirtualService', namespace: null, name: 'vs' });
  const off = VS.indexOf('missing-gw');
  assert.deepEqual(d.range, {
    start: f.lines.positionAt(off),
    end: f.lines.positionAt(off + 'missing-gw'.length),
  });
});

const suppressionCases: {
  name: string;
  yaml: string;
  opts?: { disabledCodes?: string[]; only?: string[] };
  expect: number;
}[] = [
  { name: 'no suppression', yaml: VS, expect: 1 },
  {
    name: 'annotation with code',
    yaml: VS.replace(
      '  name: vs\n',
      '  name: vs\n  annotations: {galley.istio.io/analyze-suppress: "IST0102,IST0101"}\n',
    ),
    expect: 0,
  },
  {
    name: 'annotation with *',
    yaml: VS.replace('  name: vs\n', '  name: vs\n  annotations: {galley.istio.io/analyze-suppress: "*"}\n'),
    expect: 0,
  },
  {
    name: 'annotation with other code',
    yaml: VS.replace(
      '  name: vs\n',
      '  name: vs\n  annotations: {galley.istio.io/analyze-suppress: "IST0102"}\n',
    ),
    expect: 1,
  },
  {
    name: 'comment on line above',
    yaml: VS.replace(
      '  gateways: [missing-gw]',
      '  # istio-lens-disable-next-line IST0101\n  gateways: [missing-gw]',
    ),
    expect: 0,
  },
  {
    name: 'comment, other code',
    yaml: VS.replace(
      '  gateways: [missing-gw]',
      '  # istio-lens-disable-next-line IST0102 -- reason\n  gateways: [missing-gw]',
    ),
    expect: 1,
  },
  {
    name: 'comment two lines above',
    yaml: VS.replace(
      '  gateways: [missing-gw]',
      '  # istio-lens-disable-next-line IST0101\n\n  gateways: [missing-gw]',
    ),
    expect: 1,
  },
  { name: 'disabledCodes', yaml: VS, opts: { disabledCodes: ['IST0101'] }, expect: 0 },
  { name: 'only other code', yaml: VS, opts: { only: ['IST0102'] }, expect: 0 },
  { name: 'only this analyzer', yaml: VS, opts: { only: ['toy.Gateway'] }, expect: 1 },
];
for (const c of suppressionCases) {
  test(`suppression: ${c.name}`, () => {
    const f = parseFile('file:///a.yaml', c.yaml);
    assert.equal(analyzeWorkspace([f], { analyzers: [toyGateway], ...c.opts }).get(f.uri)!.length, c.expect);
  });
}

test('cross-file: the diagnostic goes away when the referenced file appears', () => {
  const a = parseFile('file:///a.yaml', VS);
  const gw = parseFile(
    'file:///gw.yaml',
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: missing-gw}\n',
  );
  assert.equal(analyzeWorkspace([a], { analyzers: [toyGateway] }).get(a.uri)!.length, 1);
  assert.equal(analyzeWorkspace([a, gw], { analyzers: [toyGateway] }).get(a.uri)!.length, 0);
});

test('an analyzer that throws costs one internal-error', () => {
  const f = parseFile('file:///a.yaml', VS);
  const boom: Analyzer = {
    meta: { ...toyGateway.meta, name: 'boom' },
    analyze() {
      throw new Error('kaput');
    },
  };
  const got = analyzeWorkspace([f], { analyzers: [boom, toyGateway] }).get(f.uri)!;
  assert.deepEqual(got.map((d) => d.code).sort(), ['IST0101', 'internal-error']);
});

test('helpers: fqdn, host matching, selectors, Go formatting, mesh config merge', () => {
  assert.equal(fqdn('reviews', 'bookinfo'), 'reviews.bookinfo.svc.cluster.local');
  assert.equal(fqdn('reviews.bookinfo', 'x'), 'reviews.bookinfo');
  assert.equal(fqdn('*', 'x'), '*');
  assert.ok(hostMatches('a.example.com', '*.example.com'));
  assert.ok(!hostMatches('a.example.org', '*.example.com'));
  assert.ok(selectorMatches({ app: 'a' }, { app: 'a', v: '1' }));
  assert.ok(!selectorMatches({ app: 'b' }, { app: 'a' }));
  assert.ok(
    labelSelectorMatches({ matchExpressions: [{ key: 'v', operator: 'In', values: ['1'] }] }, { v: '1' }),
  );
  assert.ok(
    !labelSelectorMatches({ matchExpressions: [{ key: 'v', operator: 'NotIn', values: ['1'] }] }, { v: '1' }),
  );
  assert.equal(
    goFormat('%s %q %v %d %% %s', ['a', 'b"c', ['x', 'y'], 3]),
    'a "b\\"c" [x y] 3 % %!s(MISSING)',
  );
  const mc = applyMeshConfig({
    ingressService: 'my-gw',
    defaultConfig: { proxyMetadata: { A: '1' } },
    extensionProviders: [{ name: 'envoy', envoyOtelAls: {} }],
  });
  assert.equal(mc.ingressService, 'my-gw');
  assert.equal(
    (mc.defaultConfig as Record<string, unknown>).discoveryAddress,
    'istiod.istio-system.svc:15012',
  );
  assert.deepEqual(
    (mc.extensionProviders as { name: string }[]).find((p) => p.name === 'envoy'),
    { name: 'envoy', envoyOtelAls: {} },
  );
});

test('incremental: a new version of one file rebuilds only its resources', () => {
  const a = parseFile('file:///a.yaml', VS);
  const gw1 = parseFile(
    'file:///gw.yaml',
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g1}\n',
    1,
  );
  const first = buildWorkspace([a, gw1]);
  const gw2 = parseFile(
    'file:///gw.yaml',
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g2}\n',
    2,
  );
  const second = buildWorkspace([a, gw2]);
  const untouched = first.all.filter((r) => r.file === a);
  assert.deepEqual(
    second.all.filter((r) => r.file === a),
    untouched,
    'same Resource objects for the unchanged file',
  );
  assert.equal(second.find('Gateway', 'default', 'g1'), undefined);
  assert.ok(second.find('Gateway', 'default', 'g2'));
});

test('hostile input: templated, nameless, non-map and aliased documents never throw', () => {
  const text = [
    'apiVersion: v1\nkind: Service\nmetadata: {name: "{{ .Values.name }}"}\n',
    'apiVersion: v1\nkind: Service\nmetadata: {}\n',
    '- just\n- a list\n',
    'a: &a [1, 2]\nb: &b [*a, *a]\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: *b}\n',
    'apiVersion: v1\nkind: List\nitems: [1, null, {apiVersion: v1, kind: Pod, metadata: {name: p}}]\n',
  ].join('---\n');
  const f = parseFile('file:///h.yaml', text);
  const ws = buildWorkspace([f]);
  assert.deepEqual(ws.all.map(String), ['ConfigMap x', 'Pod p']);
  assert.deepEqual(ws.all[0].labels, {}, 'a non-map labels value is ignored');
  assert.doesNotThrow(() => analyzeWorkspace([f], { analyzers: IN_ALL_ANALYZERS }));
});
