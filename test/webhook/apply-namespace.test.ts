// A manifest without metadata.namespace gets its namespace when it is applied (kubectl -n, a kustomization's
// `namespace:`, an Argo CD destination), and Istio's webhook judges it there (cfg.Namespace). The checks
// that compare a value with that namespace (`.` in Sidecar egress hosts and exportTo, a configmap://
// credentialName) report only what holds in every namespace; with the namespace written they judge it
// as Istio does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';

const messages = (yaml: string): string[] =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv())
    .filter((d) => d.code === 'IST0106' || d.code === 'IST0133')
    .map((d) => d.message)
    .sort();

const sidecar = (meta: string, hosts: string[]) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {${meta}}
spec:
  egress:
  - hosts: [${hosts.map((h) => JSON.stringify(h)).join(', ')}]
`;

test('Sidecar: `default/x` beside `./*` is a duplicate only where the namespace is default', () => {
  const hosts = [
    './*',
    'istio-system/istiod.istio-system.svc.cluster.local',
    'default/kubernetes.default.svc.cluster.local',
  ];
  assert.deepEqual(messages(sidecar('name: s', hosts)), []);
  assert.deepEqual(messages(sidecar('name: s, namespace: argocd', hosts)), []);
  assert.deepEqual(messages(sidecar('name: s, namespace: default', hosts)), [
    'Schema validation warning: duplicated egress host: default/kubernetes.default.svc.cluster.local',
  ]);
});

test('Sidecar: a duplicate in every namespace is still reported without one', () => {
  assert.deepEqual(messages(sidecar('name: s', ['./*', './reviews.shop.svc.cluster.local'])), [
    'Schema validation warning: duplicated egress host: ./reviews.shop.svc.cluster.local',
  ]);
  assert.deepEqual(messages(sidecar('name: s', ['bar/a.com', 'bar/a.com'])), [
    'Schema validation warning: duplicated egress host: bar/a.com',
  ]);
});

const serviceEntry = (meta: string, exportTo: string[]) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {${meta}}
spec:
  hosts: [api.example.com]
  exportTo: [${exportTo.map((e) => JSON.stringify(e)).join(', ')}]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{number: 443, name: https, protocol: TLS}]
`;

test('exportTo: `.` beside a namespace is a duplicate only in that namespace', () => {
  assert.deepEqual(messages(serviceEntry('name: e', ['.', 'default'])), []);
  assert.deepEqual(messages(serviceEntry('name: e, namespace: default', ['.', 'default'])), [
    'Schema validation error: duplicate entries in exportTo for entry default',
  ]);
  assert.deepEqual(messages(serviceEntry('name: e, namespace: default', ['.', '.'])), [
    'Schema validation error: duplicate entries in exportTo: . and current namespace default',
  ]);
  assert.deepEqual(messages(serviceEntry('name: e', ['.', '.'])), [
    'Schema validation error: duplicate entries in exportTo for entry .',
  ]);
});

const rule = (meta: string, exportTo: string, credential: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {${meta}}
spec:
  host: api.example.com
  workloadSelector: {matchLabels: {app: web}}
  exportTo: [${exportTo}]
  trafficPolicy:
    tls: {mode: SIMPLE, credentialName: "${credential}"}
`;

test('DestinationRule: a written namespace may be the one it is applied to', () => {
  assert.deepEqual(messages(rule('name: d', 'web', 'configmap://web/ca')), []);
  assert.deepEqual(
    messages(rule('name: d, namespace: other', 'web', 'configmap://web/ca')),
    [
      'Schema validation error: destination rule with workload selector cannot have exportTo beyond current namespace',
      'Schema validation error: invalid configmap:// credentialName: namespace must match the configuration namespace "other"',
    ].sort(),
  );
  // Two namespaces: one of them is not the namespace it lands in, wherever that is.
  assert.deepEqual(messages(rule('name: d', 'web, api', 'configmap://web/ca')), [
    'Schema validation error: destination rule with workload selector cannot have multiple entries in exportTo',
  ]);
});
