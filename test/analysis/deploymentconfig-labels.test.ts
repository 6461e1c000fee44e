// OpenShift's DeploymentConfig controller labels every pod it deploys `deploymentconfig: <config name>`
// (over the template's own value) and `deployment: <name>-<version>`: a subset selecting its pods by
// them selects them although the template does not write them (analysis/controllerLabels.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subsetsSelectingNoPod } from './run-analyzer';

const workload = (
  apiVersion: string,
  kind: string,
  name: string,
  selector: string,
) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: ${name}, namespace: demo}
spec:
  selector: ${selector}
  template:
    metadata: {labels: {app: boards, version: v1}}
    spec: {containers: [{name: c, image: i}]}
`;
const dc = (apiVersion = 'apps.openshift.io/v1') =>
  workload(apiVersion, 'DeploymentConfig', 'boards', '{app: boards}');
const deployment = workload('apps/v1', 'Deployment', 'boards', '{matchLabels: {app: boards}}');
const service = `apiVersion: v1
kind: Service
metadata: {name: boards, namespace: demo}
spec:
  selector: {app: boards}
  ports: [{port: 8080, name: http}]
`;
const rule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: boards, namespace: demo}
spec:
  host: boards
  subsets:
  - {name: config, labels: {deploymentconfig: boards}}
  - {name: rollout, labels: {deploymentconfig: boards, deployment: boards-3}}
  - {name: other, labels: {deploymentconfig: cards}}
  - {name: v2, labels: {app: boards, version: v2}}
`;

// One file: the workloads applied with the DestinationRule prove a subset empty.
const missing = (...docs: string[]) => subsetsSelectingNoPod(docs);

test("a DeploymentConfig's pods carry its name as deploymentconfig, and a run-time deployment", () => {
  assert.deepEqual(missing(service, dc(), rule), ['other', 'v2']);
  // OpenShift 3's group-less v1 is read as the same workload.
  assert.deepEqual(missing(service, dc('v1'), rule), ['other', 'v2']);
});

test('a Deployment sets neither', () => {
  assert.deepEqual(missing(service, deployment, rule), ['config', 'other', 'rollout', 'v2']);
});
