// injection.Analyzer edges: what the editor can prove about a Pod without a proxy, and namespaces
// that are not manifests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { istioData, readText } from '../helpers/paths';
import { pairs, runAnalyzer } from './run-analyzer';

const ns =
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n';
const pod = (meta: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\n${meta}spec:\n  containers:\n  - name: app\n    image: app\n`;

const cases: { name: string; files: Record<string, string>; complete?: boolean; expect: string[] }[] = [
  { name: 'editor: an authored Pod is injected when created', files: { n: ns, p: pod('') }, expect: [] },
  {
    name: 'editor: an exported Pod (uid) without proxy is reported',
    files: { n: ns, p: pod('  uid: 0b5c\n') },
    expect: ['IST0103 Pod shop/p'],
  },
  {
    name: 'complete: every Pod counts, as upstream',
    files: { n: ns, p: pod('') },
    complete: true,
    expect: ['IST0103 Pod shop/p'],
  },
  {
    name: 'no Namespace manifest: nothing is said about the pod or the namespace',
    files: { p: pod('  uid: 0b5c\n') },
    expect: [],
  },
  {
    name: 'a namespace without injection label is reported on its name',
    files: { n: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: plain\n' },
    expect: ['IST0102 Namespace plain'],
  },
];
for (const c of cases) {
  test(c.name, () => {
    const got = runAnalyzer('injection.Analyzer', c.files, { complete: c.complete });
    assert.deepEqual(
      got.map((f) => `${f.code} ${f.resource}`),
      c.expect,
    );
  });
}

// enableNamespacesByDefault comes from the injector ConfigMap's values; the upstream ConfigMap carries
// the injection template, which the workspace skips as a Helm template, so it is stripped here.
test('an injector that enables namespaces by default turns IST0102 into IST0148', () => {
  const dir = path.join(istioData, 'analysis');
  const cm = parseAllDocuments(
    readText(path.join(dir, 'testdata/common/sidecar-injector-enabled-nsbydefault.yaml')),
  )
    .map((d) => {
      const js = d.toJS() as { data: Record<string, unknown> };
      delete js.data.config;
      return JSON.stringify(js);
    })
    .join('\n---\n');
  const got = pairs(
    runAnalyzer(
      'injection.Analyzer',
      { i: readText(path.join(dir, 'testdata/injection.yaml')), cm },
      { complete: true },
    ),
  );
  assert.ok(got.includes('IST0148 Namespace bar'), JSON.stringify(got));
  assert.ok(!got.some((p) => p.startsWith('IST0102')), JSON.stringify(got));
});
