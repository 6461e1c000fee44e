// The enums of built-in fields come from one generated table (Kubernetes' `+enum` Go types at 1.35):
// k8s-validation reads its value sets there and is the only reporter of a wrong value, so a misspelt
// value on a built-in field gives exactly one finding through the whole pipeline.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { K8S_ENUMS, KUBERNETES_ENUM_VERSION } from '../../server/src/engine/apiserver/enums.gen';
import { testEnv } from '../helpers/env';
import { deployment, k8sFindings, pod, service } from './helpers';

function allFindings(yaml: string) {
  return checkFile(parseFile('file:///t.yaml', yaml, 1), testEnv()).map((d) => ({
    code: d.code,
    message: d.message,
  }));
}

describe('generated Kubernetes enums', () => {
  it('is Kubernetes 1.35, each type with its Go source and OpenAPI fields', () => {
    assert.equal(KUBERNETES_ENUM_VERSION, '1.35');
    for (const [type, e] of Object.entries(K8S_ENUMS)) {
      assert.match(
        e.source,
        /^kubernetes\/kubernetes@[0-9a-f]{40}:staging\/src\/k8s\.io\/api\/\w+\/v1\/types\.go$/,
        type,
      );
      assert.ok(e.values.length >= 2, type);
      assert.ok(
        e.fields.every((f) => f.startsWith('io.k8s.api.')),
        type,
      );
    }
  });

  it('holds Service type, pull policy and pathType with their values in Go declaration order', () => {
    assert.deepEqual(K8S_ENUMS.ServiceType.values, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    assert.deepEqual(K8S_ENUMS.ServiceType.fields, ['io.k8s.api.core.v1.ServiceSpec.type']);
    assert.deepEqual(K8S_ENUMS.PullPolicy.values, ['Always', 'Never', 'IfNotPresent']);
    assert.deepEqual(K8S_ENUMS.PathType.values, ['Exact', 'Prefix', 'ImplementationSpecific']);
  });
});

describe('a misspelt value of a built-in enum field', () => {
  const cases = [
    {
      yaml: service('type: LoadBalncer\nports:\n  - port: 80'),
      message:
        'spec.type: Unsupported value: "LoadBalncer": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    },
    {
      yaml: deployment('containers:\n  - name: web\n    image: nginx\n    imagePullPolicy: IfNotPresnt'),
      message:
        'spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "IfNotPresnt": supported values: "Always", "IfNotPresent", "Never"',
    },
    {
      yaml: deployment('containers:\n  - name: web\n    image: nginx', '  strategy:\n    type: Rolling'),
      message:
        'spec.strategy.type: Unsupported value: "Rolling": supported values: "Recreate", "RollingUpdate"',
    },
  ];
  for (const c of cases)
    it(`is reported once, by k8s-validation: ${c.message.split(':')[0]}`, () => {
      const found = allFindings(c.yaml).filter((f) => f.code !== 'k8s-validation' || f.message === c.message);
      assert.deepEqual(
        found.map((f) => [f.code, f.message]),
        [['k8s-validation', c.message]],
      );
    });

  it('preemptionPolicy: supported values in ValidatePreemptionPolicy order, empty is required', () => {
    const spec = (v: string) => `preemptionPolicy: ${v}\ncontainers:\n  - name: web\n    image: nginx`;
    assert.deepEqual(
      k8sFindings(pod(spec('Nevr'))).map((f) => [f.message, f.covers]),
      [
        [
          'spec.preemptionPolicy: Unsupported value: "Nevr": supported values: "PreemptLowerPriority", "Never"',
          'Nevr',
        ],
      ],
    );
    assert.deepEqual(
      k8sFindings(pod(spec('""'))).map((f) => f.message),
      ['spec.preemptionPolicy: Required value'],
    );
    assert.deepEqual(k8sFindings(pod(spec('Never'))), []);
    assert.deepEqual(k8sFindings(pod(spec('PreemptLowerPriority'))), []);
  });
});
