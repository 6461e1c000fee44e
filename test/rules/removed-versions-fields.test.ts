// A manifest written for an older Kubernetes or Istio: a version Kubernetes stopped serving, or a field
// Istio removed, is reported with the release that removed it and what replaces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const check = (yaml: string) =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv()).map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
  }));
const doc = (apiVersion: string, kind: string, body = '') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: default\n${body}`;

test('a version Kubernetes stopped serving names the release that removed it', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'apps/v1beta1',
      'StatefulSet',
      'unserved-version',
      /^apps\/v1beta1 StatefulSet was removed in Kubernetes 1\.16; use `apps\/v1`; apps\/v1 requires `spec\.selector`, which this version defaulted from the pod template's labels$/,
    ],
    [
      'networking.k8s.io/v1beta1',
      'Ingress',
      'unserved-version',
      /was removed in Kubernetes 1\.22; use `networking\.k8s\.io\/v1`/,
    ],
    [
      'apiextensions.k8s.io/v1beta1',
      'CustomResourceDefinition',
      'unserved-version',
      /removed in Kubernetes 1\.22/,
    ],
    [
      'rbac.authorization.k8s.io/v1beta1',
      'ClusterRoleBinding',
      'unserved-version',
      /removed in Kubernetes 1\.22/,
    ],
    [
      'batch/v1beta1',
      'CronJob',
      'unserved-version',
      /^batch\/v1beta1 CronJob was removed in Kubernetes 1\.25; use `batch\/v1`$/,
    ],
    [
      'policy/v1beta1',
      'PodDisruptionBudget',
      'unserved-version',
      /removed in Kubernetes 1\.25; use `policy\/v1`/,
    ],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'unserved-version', /removed in Kubernetes 1\.26/],
    // the flowcontrol betas went a release apart
    [
      'flowcontrol.apiserver.k8s.io/v1beta3',
      'FlowSchema',
      'unserved-version',
      /^flowcontrol\.apiserver\.k8s\.io\/v1beta3 FlowSchema was removed in Kubernetes 1\.32; use `flowcontrol\.apiserver\.k8s\.io\/v1`$/,
    ],
    // the removed extensions group: where the kind lives now, and since when
    [
      'extensions/v1beta1',
      'Deployment',
      'kind-wrong-group',
      /^Deployment is served by apps\/v1: extensions\/v1beta1 Deployment was removed in Kubernetes 1\.16; apps\/v1 requires `spec\.selector`/,
    ],
    [
      'extensions/v1beta1',
      'NetworkPolicy',
      'kind-wrong-group',
      /networking\.k8s\.io\/v1: extensions\/v1beta1 NetworkPolicy was removed in Kubernetes 1\.16$/,
    ],
  ];
  for (const [api, kind, code, msg] of cases) {
    const ds = check(doc(api, kind));
    assert.equal(ds.length, 1, `${api} ${kind}: ${JSON.stringify(ds)}`);
    assert.equal(ds[0].code, code, `${api} ${kind}`);
    assert.equal(ds[0].severity, Severity.Error);
    assert.match(ds[0].message, msg);
  }
});

test('apps/v1beta2 already required the selector: its removal says nothing of it', () => {
  const ds = check(doc('apps/v1beta2', 'Deployment'));
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.match(ds[0].message, /^apps\/v1beta2 Deployment was removed in Kubernetes 1\.16; use `apps\/v1`$/);
});

test('a version no release served says only what to use: no removal is claimed', () => {
  const ds = check(doc('apps/v2', 'Deployment'));
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.match(ds[0].message, /^apps\/v2 does not serve Deployment; use `apps\/v1`/);
  assert.doesNotMatch(ds[0].message, /removed/);
});

test('a field Istio removed says when and what replaces it, not a did-you-mean', () => {
  const vs = doc(
    'networking.istio.io/v1',
    'VirtualService',
    'spec:\n  hosts: [ws]\n  http:\n  - route:\n    - destination:\n        host: ws\n    websocketUpgrade: true\n    appendHeaders:\n      x-a: b\n',
  );
  assert.deepEqual(
    check(vs).map((d) => [d.code, d.message]),
    [
      [
        'unknown-field',
        'Unknown field `websocketUpgrade` in spec.http[0]: it was removed in Istio 1.5: WebSocket upgrades are allowed without it',
      ],
      [
        'unknown-field',
        'Unknown field `appendHeaders` in spec.http[0]: it was removed in Istio 1.5; use `headers.request.add`',
      ],
    ],
  );
  const ef = doc(
    'networking.istio.io/v1alpha3',
    'EnvoyFilter',
    'spec:\n  workloadLabels:\n    app: a\n  filters:\n  - filterName: envoy.lua\n',
  );
  const efs = check(ef).filter((d) => d.code === 'unknown-field');
  assert.deepEqual(
    efs.map((d) => d.message.replace(/ stopped applying.*/, '')),
    [
      'Unknown field `workloadLabels` in spec: it is the EnvoyFilter API of Istio 1.0-1.2, which Istio 1.6',
      'Unknown field `filters` in spec: it is the EnvoyFilter API of Istio 1.0-1.2, which Istio 1.6',
    ],
  );
  const iop = doc(
    'install.istio.io/v1alpha1',
    'IstioOperator',
    'spec:\n  addonComponents:\n    kiali:\n      enabled: true\n  components:\n    citadel:\n      enabled: false\n    policy:\n      enabled: false\n    pilot:\n      enabeld: true\n',
  );
  assert.deepEqual(
    check(iop).map((d) => d.message),
    [
      'Unknown field `addonComponents` in spec: it was deprecated in Istio 1.8, which stopped installing the addons, and istioctl no longer reads it: install them on their own (samples/addons, their charts or operators)',
      'Unknown field `citadel` in spec.components: it was merged into istiod (the `pilot` component) in Istio 1.5',
      'Unknown field `policy` in spec.components: it is a Mixer component, removed in Istio 1.8',
      // a slip keeps its did-you-mean
      'Unknown field `enabeld` in spec.components.pilot; did you mean `enabled`?',
    ],
  );
});

test('a removed field of another kind, or another place, is an unknown field as before', () => {
  // `websocketUpgrade` was HTTPRoute's: at the top of the spec it is a plain unknown field
  const ds = check(
    doc('networking.istio.io/v1', 'VirtualService', 'spec:\n  hosts: [a]\n  websocketUpgrade: true\n'),
  );
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.doesNotMatch(ds[0].message, /Istio 1\.5/);
});

test("autoscaling/v2beta1's metric target in an IstioOperator hpaSpec or an HPA says what v2 writes", () => {
  const iop = doc(
    'install.istio.io/v1alpha1',
    'IstioOperator',
    'spec:\n  components:\n    ingressGateways:\n    - name: gw\n      enabled: true\n      k8s:\n        hpaSpec:\n          maxReplicas: 5\n          metrics:\n          - type: Resource\n            resource:\n              name: cpu\n              targetAverageUtilization: 60\n',
  );
  assert.deepEqual(
    check(iop).map((d) => d.message),
    [
      "Unknown field `targetAverageUtilization` in spec.components.ingressGateways[0].k8s.hpaSpec.metrics[0].resource: it is autoscaling/v2beta1's, which Kubernetes 1.25 removed; write `target: {type: Utilization, averageUtilization: N}`",
    ],
  );
  const hpa = doc(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: x}\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource:\n      name: memory\n      targetAverageValue: 100Mi\n',
  );
  const ds = check(hpa).filter((d) => d.code === 'unknown-field');
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.match(
    ds[0].message,
    /`targetAverageValue` .*autoscaling\/v2beta1's, which Kubernetes 1\.25 removed; write `target: \{type: AverageValue/,
  );
});

test('an Ingress moved to networking.k8s.io/v1 with its v1beta1 backends says how v1 writes them', () => {
  const ing = doc(
    'networking.k8s.io/v1',
    'Ingress',
    'spec:\n  backend:\n    serviceName: d\n    servicePort: 80\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          serviceName: web\n          servicePort: 8080\n',
  );
  assert.deepEqual(
    check(ing).map((d) => d.message.replace(/;.*/, '')),
    [
      "Unknown field `backend` in spec: it is v1beta1's, which Kubernetes 1.22 removed",
      "Unknown field `serviceName` in spec.rules[0].http.paths[0].backend: it is v1beta1's, which Kubernetes 1.22 removed",
      "Unknown field `servicePort` in spec.rules[0].http.paths[0].backend: it is v1beta1's, which Kubernetes 1.22 removed",
    ],
  );
  assert.match(check(ing)[1].message, /writes `service: \{name: <name>, port: \{number: <port>\}\}`/);
});
