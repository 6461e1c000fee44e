// injection.ImageAutoAnalyzer edges: what a partial workspace can prove about webhooks and namespaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const NAME = 'injection.ImageAutoAnalyzer';
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: gw
  namespace: edge
spec:
  template:
    metadata:
      labels:
        app: gw
    spec:
      containers:
      - name: istio-proxy
        image: auto
`;
const webhook = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector
webhooks:
- name: namespace.sidecar-injector.istio.io
  namespaceSelector:
    matchLabels:
      istio-injection: enabled
`;
const pod = (meta: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: edge\n${meta}spec:\n  containers:\n  - name: istio-proxy\n    image: auto\n`;
const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: edge\n${labels}`;

const cases: { name: string; files: Record<string, string>; complete?: boolean; expect: string[] }[] = [
  { name: 'editor: no webhook in the workspace proves nothing', files: { d: deployment }, expect: [] },
  {
    name: 'complete: no webhook, not injected',
    files: { d: deployment },
    complete: true,
    expect: ['IST0146 Deployment edge/gw|auto'],
  },
  {
    name: 'editor: the namespace is not a manifest, its labels are unknown',
    files: { d: deployment, w: webhook },
    expect: [],
  },
  {
    name: 'editor: the Namespace manifest lacks the label',
    files: { d: deployment, w: webhook, n: ns('') },
    expect: ['IST0146 Deployment edge/gw|auto'],
  },
  {
    name: 'the Namespace manifest has the label',
    files: { d: deployment, w: webhook, n: ns('  labels:\n    istio-injection: enabled\n') },
    expect: [],
  },
  {
    name: 'editor: an exported Pod still saying auto was not injected',
    files: { p: pod('  uid: 1a2b\n'), w: webhook },
    expect: ['IST0147 Pod edge/p|auto'],
  },
  {
    name: 'editor: an authored Pod may still be injected when created',
    files: { p: pod(''), w: webhook },
    expect: [],
  },
  {
    name: 'editor: an authored Pod no webhook can select',
    files: { p: pod(''), w: webhook, n: ns('') },
    expect: ['IST0147 Pod edge/p|auto'],
  },
  {
    name: 'complete: every Pod still saying auto',
    files: { p: pod('') },
    complete: true,
    expect: ['IST0147 Pod edge/p|auto'],
  },
];
for (const c of cases) {
  test(c.name, () => {
    const got = runAnalyzer(NAME, c.files, { complete: c.complete });
    assert.deepEqual(
      got.map((f) => `${f.code} ${f.resource}|${f.text}`),
      c.expect,
    );
  });
}
