// meshnetworks.MeshNetworksAnalyzer: upstream hands MeshNetworks in as a resource named
// istio-system/meshnetworks; the conformance harness does not load it yet, so case-046 is replayed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { istioData, readText } from '../helpers/paths';
import { meshNetworksDocument } from '../../server/src/engine/analyzers/util/mesh-networks-doc';
import { analysisCase, pairs, runAnalyzer } from './run-analyzer';

const dir = path.join(istioData, 'analysis');
const NAME = 'meshnetworks.MeshNetworksAnalyzer';

/** A MeshNetworks resource with `networks` at the top level (the analyzer also reads it under spec). */
function meshNetworksResource(networksYaml: string): string {
  return `apiVersion: install.istio.io/v1alpha1\nkind: MeshNetworks\nmetadata:\n  name: meshnetworks\n  namespace: istio-system\n${networksYaml}`;
}

test('case-046 replayed with the MeshNetworks resource', () => {
  const c = analysisCase(dir, 'case-046');
  assert.ok(c.meshNetworks, 'case-046 has a MeshNetworks file');
  const files: Record<string, string> = {
    'mn.yaml': meshNetworksDocument(readText(path.join(dir, c.meshNetworks))),
  };
  for (const f of c.testdata) files[f] = readText(path.join(dir, f));
  const got = runAnalyzer(NAME, files, { complete: true });
  assert.deepEqual(pairs(got), c.expected.map((e) => `${e.code} ${e.resource}`).sort());
  // The range is the registry name, the message names it and its network.
  assert.deepEqual(got.map((f) => f.text).sort(), ['istio-testing', 'kubernetes']);
  assert.ok(
    got.some((f) => f.message === 'Unknown service registry kubernetes in network network1'),
    JSON.stringify(got),
  );
});

const networks = `networks:
  net1:
    endpoints:
    - fromRegistry: Kubernetes
    - fromRegistry: remote-a
    - fromRegistry: remote-b
`;
const remoteSecret = `apiVersion: v1
kind: Secret
metadata:
  name: istio-remote-secret-a
  namespace: istio-system
  labels:
    istio/multiCluster: "true"
stringData:
  remote-a: "kubeconfig"
`;

const cases: { name: string; files: Record<string, string>; complete: boolean; expect: string[] }[] = [
  {
    name: 'editor: no remote secret in the workspace proves nothing',
    files: { 'mn.yaml': meshNetworksResource(networks) },
    complete: false,
    expect: [],
  },
  {
    name: 'editor: with remote secrets, an unregistered cluster is reported',
    files: { 'mn.yaml': meshNetworksResource(networks), 's.yaml': remoteSecret },
    complete: false,
    expect: ['remote-b'],
  },
  {
    name: 'complete: without secrets, both remotes are unknown',
    files: { 'mn.yaml': meshNetworksResource(networks) },
    complete: true,
    expect: ['remote-a', 'remote-b'],
  },
  {
    name: 'networks under spec (meshNetworksDocument) are read too',
    files: { 'mn.yaml': meshNetworksDocument(`---\n${networks}`) },
    complete: true,
    expect: ['remote-a', 'remote-b'],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const got = runAnalyzer(NAME, c.files, { complete: c.complete });
    assert.deepEqual(got.map((f) => f.text).sort(), c.expect);
    assert.ok(got.every((f) => f.code === 'IST0126'));
  });
}
