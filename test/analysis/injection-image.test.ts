// injection.ImageAnalyzer edges with an injector ConfigMap written inline (the upstream one carries
// the injection template): hub/image:tag vs an absolute image, the image variant, revisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { istioData, readText } from '../helpers/paths';
import { analysisCase, pairs, runAnalyzer } from './run-analyzer';

const NAME = 'injection.ImageAnalyzer';
const injector = (name: string, proxyImage: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: istio-system
data:
  values: '{"global":{"hub":"docker.io/istio","tag":"1.30.0","proxy":{"image":"${proxyImage}"}}}'
`;
const ns = (name: string, label: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    ${label}\n`;
const pod = (name: string, namespace: string, image: string, annotations = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
${annotations}spec:
  containers:
  - name: app
    image: app
  - name: istio-proxy
    image: ${image}
`;

const cases: {
  name: string;
  files: Record<string, string>;
  meshConfig?: Record<string, unknown>;
  expect: string[];
}[] = [
  {
    name: 'hub/image:tag: old proxies are listed on their Namespace',
    files: {
      cm: injector('istio-sidecar-injector', 'proxyv2'),
      n: ns('shop', 'istio-injection: enabled'),
      a: pod('a', 'shop', 'docker.io/istio/proxyv2:1.29.0'),
      b: pod('b', 'shop', 'docker.io/istio/proxyv2:1.30.0'),
      c: pod('c', 'shop', 'docker.io/istio/proxyv2:1.28.0'),
    },
    expect: ['IST0158 Namespace shop|[a c]'],
  },
  {
    name: 'an absolute proxy image is used as is',
    files: {
      cm: injector('istio-sidecar-injector', 'my.registry/proxy:7'),
      n: ns('shop', 'istio-injection: enabled'),
      a: pod('a', 'shop', 'my.registry/proxy:7'),
    },
    expect: [],
  },
  {
    name: 'a custom proxyImage annotation wins',
    files: {
      cm: injector('istio-sidecar-injector', 'proxyv2'),
      n: ns('shop', 'istio-injection: enabled'),
      a: pod('a', 'shop', 'x/y:1', '  annotations:\n    sidecar.istio.io/proxyImage: x/y:1\n'),
    },
    expect: [],
  },
  {
    name: 'the distroless variant from MeshConfig is accepted',
    files: {
      cm: injector('istio-sidecar-injector', 'proxyv2'),
      n: ns('shop', 'istio-injection: enabled'),
      a: pod('a', 'shop', 'docker.io/istio/proxyv2:1.30.0-distroless'),
    },
    meshConfig: { defaultConfig: { image: { imageType: 'distroless' } } },
    expect: [],
  },
  {
    name: 'without that setting, the variant is a mismatch',
    files: {
      cm: injector('istio-sidecar-injector', 'proxyv2'),
      n: ns('shop', 'istio-injection: enabled'),
      a: pod('a', 'shop', 'docker.io/istio/proxyv2:1.30.0-distroless'),
    },
    expect: ['IST0158 Namespace shop|[a]'],
  },
  {
    name: 'a revision uses its own injector ConfigMap; without it nothing is said',
    files: {
      cm: injector('istio-sidecar-injector', 'proxyv2'),
      n: ns('shop', 'istio.io/rev: canary'),
      a: pod('a', 'shop', 'docker.io/istio/proxyv2:1.29.0'),
    },
    expect: [],
  },
  {
    name: 'the revision ConfigMap is compared',
    files: {
      cm: injector('istio-sidecar-injector-canary', 'proxyv2'),
      n: ns('shop', 'istio.io/rev: canary'),
      a: pod('a', 'shop', 'docker.io/istio/proxyv2:1.29.0'),
    },
    expect: ['IST0158 Namespace shop|[a]'],
  },
  {
    name: 'no Namespace manifest: nothing is said',
    files: {
      cm: injector('istio-sidecar-injector', 'proxyv2'),
      a: pod('a', 'shop', 'docker.io/istio/proxyv2:1.29.0'),
    },
    expect: [],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const got = runAnalyzer(NAME, c.files, { meshConfig: c.meshConfig });
    assert.deepEqual(
      got.map((f) => `${f.code} ${f.resource}|${/\(pod names: (.*)\)/.exec(f.message)?.[1]}`),
      c.expect,
    );
  });
}

// The upstream injector ConfigMaps carry the injection template (`data.config`, full of {{ }}), so
// the workspace takes them for Helm templates and skips them (see the report on parseFile's
// `templated`). Without the template, the conformance cases pass: the analyzer is not the obstacle.
const dir = path.join(istioData, 'analysis');
const withoutTemplate = (rel: string): string =>
  parseAllDocuments(readText(path.join(dir, rel)))
    .map((d) => {
      const js = d.toJS() as { kind?: unknown; data?: Record<string, unknown> } | null;
      if (js?.kind === 'ConfigMap') delete js.data?.config;
      return JSON.stringify(js);
    })
    .join('\n---\n');
for (const id of ['case-025', 'case-027', 'case-028']) {
  test(`${id} passes with the injector template stripped`, () => {
    const c = analysisCase(dir, id);
    const files: Record<string, string> = { d: readText(path.join(dir, 'default-resources.yaml')) };
    for (const f of c.testdata)
      files[f] = f.includes('configmap') ? withoutTemplate(f) : readText(path.join(dir, f));
    assert.deepEqual(
      pairs(runAnalyzer(NAME, files, { complete: true })),
      c.expected.map((e) => `${e.code} ${e.resource}`).sort(),
    );
  });
}
