// The IstioOperator (install.istio.io/v1alpha1), the input of `istioctl install -f`, checked as istioctl
// reads it: its own types strictly (an unknown field is an error), field names matched whatever their case,
// nothing required, the Kubernetes settings under `k8s` by Kubernetes' types, meshConfig's enums by name or
// number with unknown fields dropped, `values` unchecked. Istio's own IstioOperators stay clean.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../server/src/engine/rules';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { ruleTester } from '../helpers/ruleTester';
import { testEnv } from '../helpers/env';
import { istioData, repoRoot } from '../helpers/paths';

const change = (to: string) => `Change to '${to}'`;
const IOP =
  'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata:\n  name: cp\n  namespace: istio-system\n';
const GW = (fields: string) =>
  IOP + `spec:\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n${fields}`;

ruleTester(ALL_RULES, {
  valid: [
    { name: 'an empty spec', yaml: IOP + 'spec: {}\n' },
    {
      name: 'no metadata (istioctl install -f takes it)',
      yaml: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n',
    },
    {
      name: 'nothing is required: hpaSpec without scaleTargetRef, a Service port without a number, an env entry without a name',
      yaml: GW(
        '      enabled: true\n      k8s:\n        hpaSpec:\n          minReplicas: 2\n        service:\n          ports:\n          - name: http2\n            targetPort: 8080\n        env:\n        - value: x\n',
      ),
    },
    {
      name: 'a Go slice takes repeated entries: two Service ports 80',
      yaml: GW(
        '      k8s:\n        service:\n          ports:\n          - {port: 80, name: a}\n          - {port: 80, name: b}\n',
      ),
    },
    {
      name: 'field names match whatever their case, as Go encoding/json matches them',
      yaml:
        IOP + 'spec:\n  components:\n    Pilot:\n      Enabled: true\n      K8S:\n        replicaCount: 2\n',
    },
    {
      name: 'tag is any value; values and unvalidatedValues are not checked; meshConfig fields istioctl does not know are dropped',
      yaml:
        IOP +
        'spec:\n  tag: 1.20\n  meshConfig:\n    accessLogFile: /dev/stdout\n    notAMeshField: 1\n    inboundTrafficPolicy:\n      Mode: LOCAL\n  values:\n    global:\n      whatever: 1\n  unvalidatedValues:\n    foo: bar\n',
    },
    {
      name: 'a protobuf enum takes its number, and its proto field name',
      yaml:
        IOP +
        'spec:\n  meshConfig:\n    ingressControllerMode: 2\n    outbound_traffic_policy:\n      mode: REGISTRY_ONLY\n',
    },
    {
      name: 'every component, the Windows ones included; overlays with patches',
      yaml:
        IOP +
        'spec:\n  components:\n    base: {enabled: true}\n    pilot: {enabled: true, hub: docker.io/istio, tag: 1.26.0}\n    cni: {enabled: true, namespace: kube-system}\n    cni-windows: {enabled: false}\n    ztunnel: {enabled: true}\n    ztunnel-windows: {enabled: false}\n    istiodRemote: {enabled: false}\n    egressGateways:\n    - name: istio-egressgateway\n      enabled: true\n      label: {istio: egressgateway}\n      k8s:\n        overlays:\n        - kind: Deployment\n          name: istio-egressgateway\n          patches:\n          - path: spec.template.spec.volumes.[name:x]\n            value: {name: x, emptyDir: {}}\n          - path: spec.replicas\n',
    },
  ],
  invalid: [
    {
      name: 'another version or kind of install.istio.io is a note, not validated (istioctl checks neither)',
      yaml: 'apiVersion: install.istio.io/v1alpha2\nkind: IstioOperator\nspec:\n  anything: 1\n',
      errors: [
        {
          code: 'unknown-kind',
          severity: Severity.Information,
          message:
            'Unknown kind IstioOperator in install.istio.io/v1alpha2: Istio Lens has a schema for IstioOperator (install.istio.io/v1alpha1) only, so this document is not validated',
        },
      ],
    },
    {
      name: 'a misspelt component field',
      yaml: GW('      enabeld: true\n'),
      errors: [
        {
          code: 'unknown-field',
          covers: 'enabeld',
          message:
            /Unknown field `enabeld` in spec\.components\.ingressGateways\[0\]; did you mean `enabled`\?/,
          fixes: [change('enabled')],
        },
      ],
      output: GW('      enabled: true\n'),
    },
    {
      name: 'a component istioctl does not have',
      yaml: IOP + 'spec:\n  components:\n    telemetry:\n      enabled: false\n',
      errors: [
        {
          code: 'unknown-field',
          covers: 'telemetry',
          message: /Unknown field `telemetry` in spec\.components/,
        },
      ],
    },
    {
      name: 'a bad enum name in meshConfig',
      yaml: IOP + 'spec:\n  meshConfig:\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLYY\n',
      errors: [
        {
          code: 'invalid-enum',
          covers: 'REGISTRY_ONLYY',
          message:
            /"REGISTRY_ONLYY" is not allowed at spec\.meshConfig\.outboundTrafficPolicy\.mode; use one of `REGISTRY_ONLY` or `ALLOW_ANY` \(did you mean REGISTRY_ONLY\?\)/,
          fixes: [change('REGISTRY_ONLY')],
        },
      ],
      output: IOP + 'spec:\n  meshConfig:\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLY\n',
    },
    {
      name: 'a wrong type in k8s',
      yaml: GW('      k8s:\n        replicaCount: "two"\n'),
      errors: [
        {
          code: 'invalid-type',
          covers: '"two"',
          message:
            /spec\.components\.ingressGateways\[0\]\.k8s\.replicaCount must be an integer, not string "two"/,
        },
      ],
    },
    {
      name: 'enabled is a boolean, a label value a string',
      yaml: GW('      enabled: "true"\n      label:\n        version: 2\n'),
      errors: [
        { code: 'invalid-type', covers: '"true"', message: /enabled must be a boolean, not string "true"/ },
        { code: 'invalid-type', covers: '2', message: /label\.version must be a string, not integer 2/ },
      ],
    },
    {
      name: 'a Kubernetes field under k8s: a misspelt toleration field, a bad quantity, a v2beta1 HPA metric',
      yaml: GW(
        '      k8s:\n        tolerations:\n        - key: a\n          operater: Exists\n        resources:\n          requests:\n            cpu: 1x00m\n        hpaSpec:\n          metrics:\n          - type: Resource\n            resource:\n              name: cpu\n              targetAverageUtilization: 80\n',
      ),
      errors: [
        { code: 'unknown-field', covers: 'operater', message: /tolerations\[0\]; did you mean `operator`\?/ },
        {
          code: 'unknown-field',
          covers: 'targetAverageUtilization',
          message: /autoscaling\/v2beta1's, which Kubernetes 1\.25 removed; write `target: /,
        },
        {
          code: 'invalid-format',
          covers: '1x00m',
          message: /resources\.requests\.cpu: "1x00m" is not a quantity/,
        },
      ],
    },
    {
      name: 'status is not a field of the IstioOperator istioctl decodes',
      yaml: IOP + 'spec: {}\nstatus: {}\n',
      errors: [{ code: 'unknown-field', covers: 'status' }],
    },
    {
      name: 'a field of the in-cluster operator era at the top of the spec',
      yaml: IOP + 'spec:\n  addonComponents:\n    grafana:\n      enabled: true\n',
      errors: [{ code: 'unknown-field', covers: 'addonComponents', severity: Severity.Error }],
    },
  ],
});

describe("IstioOperator: Istio's own IstioOperators are clean", () => {
  const files = [
    ...['profiles/default.yaml', 'profiles/empty.yaml'].map((f) => path.join(istioData, 'inject', f)),
    ...fs
      .readdirSync(path.join(istioData, 'inject', 'testdata'))
      .filter((f) => f.endsWith('.iop.yaml'))
      .map((f) => path.join(istioData, 'inject', 'testdata', f)),
    ...fs
      .readdirSync(path.join(istioData, 'inject', 'reference-render'))
      .filter((f) => f.endsWith('.iop.yaml'))
      .map((f) => path.join(istioData, 'inject', 'reference-render', f)),
    ...['foo-istio-conf.yaml', 'bar-istio-conf.yaml'].map((f) =>
      path.join(
        repoRoot,
        'third_party/realworld/aws-samples__istio-on-eks/patterns/eks-istio-mesh-spire-federation/istio',
        f,
      ),
    ),
  ];
  it('reads at least the two profiles, the inject test IstioOperators and the realworld ones', () => {
    assert.ok(files.length >= 12, String(files.length));
  });
  for (const f of files)
    it(path.relative(repoRoot, f), () => {
      const text = fs.readFileSync(f, 'utf8');
      assert.match(text, /kind: IstioOperator/);
      const ds = checkFile(parseFile(`file://${f}`, text), testEnv());
      assert.deepEqual(
        ds.map((d) => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`),
        [],
      );
    });
});
