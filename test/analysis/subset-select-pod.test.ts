// destinationrule.SubsetSelectPodAnalyzer matches a subset against pod labels augmented with the
// topology labels of the Node a pod runs on (as Istio's registry does), and without Nodes against
// the pods' own labels through the workspace's label index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subsetsSelectingNoPod } from './run-analyzer';

const service = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, name: http}]
`;
const pod = (node: string) => `apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web, version: v1}}
spec:
  nodeName: ${node}
  containers: [{name: c, image: i}]
`;
const node = `apiVersion: v1
kind: Node
metadata: {name: n1, labels: {topology.kubernetes.io/zone: z1}}
`;
const rule = (subsets: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  subsets:
${subsets}`;

const missing = (...docs: string[]) => subsetsSelectingNoPod(docs, { complete: true });

test('subsets against the pods own labels, without Nodes', () => {
  const subsets = '  - {name: v1, labels: {version: v1}}\n  - {name: v2, labels: {version: v2}}\n';
  assert.deepEqual(missing(service, pod('n1'), rule(subsets)), ['v2']);
});

test('subsets against the labels of the Node a pod runs on', () => {
  const subsets =
    '  - {name: zoned, labels: {topology.kubernetes.io/zone: z1}}\n  - {name: v1, labels: {version: v1}}\n';
  assert.deepEqual(missing(service, pod('n1'), node, rule(subsets)), []);
  assert.deepEqual(
    missing(service, pod('n2'), node, rule(subsets)),
    ['zoned'],
    'the pod runs on another node',
  );
  assert.deepEqual(missing(service, pod('n1'), rule(subsets)), ['zoned'], 'no Node, no topology labels');
});

test('a label the controller sets at run time (a hash) may be on any pod of its template', () => {
  const rollout = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, version: v1}}
    spec: {containers: [{name: c, image: i}]}
`;
  // Argo Rollouts writes rollouts-pod-template-hash into the subsets it manages (a DestinationRule exported
  // from the cluster holds it); the Deployment controller sets pod-template-hash on its pods.
  const subsets =
    '  - {name: canary, labels: {rollouts-pod-template-hash: 7bf84f9696}}\n' +
    '  - {name: stable, labels: {app: web, rollouts-pod-template-hash: 5d8b6f9f7c}}\n' +
    '  - {name: v2, labels: {version: v2, rollouts-pod-template-hash: 5d8b6f9f7c}}\n' +
    '  - {name: other, labels: {pod-template-hash: 5d8b6f9f7c}}\n';
  assert.deepEqual(missing(service, rollout, rule(subsets)), ['other', 'v2']);
  // A Pod manifest carries its labels as written: its hash is what it says.
  assert.deepEqual(
    missing(service, pod('n1'), rule('  - {name: hashed, labels: {pod-template-hash: abc}}\n')),
    ['hashed'],
  );
  // With Nodes too (the labels augmented with the node's).
  assert.deepEqual(missing(service, rollout, node, rule(subsets)), ['other', 'v2']);
});

test("a Node's topology labels replace the pod's own; a pod on no Node of the workspace keeps its own", () => {
  const zoned = (zone: string, name = 'web-1', on = 'n1') =>
    pod(on)
      .replace('version: v1}', `version: v1, topology.kubernetes.io/zone: ${zone}}`)
      .replace('web-1', name);
  const subsets =
    '  - {name: z1, labels: {topology.kubernetes.io/zone: z1}}\n  - {name: z9, labels: {topology.kubernetes.io/zone: z9}}\n';
  assert.deepEqual(missing(service, zoned('z9'), node, rule(subsets)), ['z9'], 'n1 is in zone z1');
  assert.deepEqual(missing(service, zoned('z9'), zoned('z9', 'web-2', 'n2'), node, rule(subsets)), []);
});
