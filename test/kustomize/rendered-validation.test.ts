// What `kubectl apply -k` sends is the rendering: a patch that makes it invalid for the API server is
// reported on the patch node that wrote the offending field (analysis/renderedValidation.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../helpers/workspace';
import { fieldSegments } from '../../server/src/engine/analysis/renderedValidation';
import { webRoute } from '../helpers/manifests';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
      volumes:
      - name: data
        emptyDir: {}
`;

const SIDECAR_OPS = (mount: string) => `- op: add
  path: /spec/template/metadata/annotations
  value:
    sidecar.istio.io/status: '{}'
- op: add
  path: /spec/template/spec/containers/1
  value:
    name: istio-proxy
    image: docker.io/istio/proxyv2:1.24.0
    volumeMounts:
    - name: ${mount}
      mountPath: /etc/istio/proxy
`;

const JSON6902 = `resources:
- deployment.yaml
patchesJson6902:
- path: sidecar.patch.yaml
  target: {group: apps, version: v1, kind: Deployment, name: web}
`;

describe('the rendering of a kustomization is validated as the API server validates it', () => {
  it("a JSON patch's container mounts a volume the rendered pod lacks: reported on the operation's value", () => {
    const files = {
      'kustomization.yaml': JSON6902,
      'deployment.yaml': DEPLOY,
      'sidecar.patch.yaml': SIDECAR_OPS('istio-envoy'),
    };
    assert.deepEqual(checkFiles(files), [
      'sidecar.patch.yaml:11 k8s-validation spec.template.spec.containers[1].volumeMounts[0].name: Not found: "istio-envoy" (in the kustomize rendering of Deployment web)',
    ]);
    // The volume the base has: a valid rendering.
    assert.deepEqual(checkFiles({ ...files, 'sidecar.patch.yaml': SIDECAR_OPS('data') }), []);
  });

  it('a strategic-merge patch is read along the field path, lists by name; an overlay names its build', () => {
    const files = {
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'base/deployment.yaml': DEPLOY,
      'prod/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: web.yaml\n',
      'prod/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
      - name: web
        ports:
        - containerPort: 70000
`,
    };
    assert.deepEqual(checkFiles(files), [
      'prod/web.yaml:12 k8s-validation spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive (in the kustomize rendering of Deployment web)',
      'prod/web.yaml:6 k8s-validation spec.replicas: Invalid value: -1: must be greater than or equal to 0 (in the kustomize rendering of Deployment web)',
    ]);
  });

  it("an inline patch is reported on the kustomization's entry; the base's own errors are not repeated", () => {
    const files = {
      'kustomization.yaml': `resources:
- deployment.yaml
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: -2
`,
      'deployment.yaml': DEPLOY.replace(
        'image: nginx:1.25',
        'image: nginx:1.25\n        imagePullPolicy: Sometimes',
      ),
    };
    assert.deepEqual(checkFiles(files), [
      'deployment.yaml:15 k8s-validation spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      'kustomization.yaml:4 k8s-validation spec.replicas: Invalid value: -2: must be greater than or equal to 0 (in the kustomize rendering of Deployment web)',
    ]);
  });

  it('a placeholder a patch writes is substituted before apply: not reported', () => {
    const files = {
      'kustomization.yaml': JSON6902,
      'deployment.yaml': DEPLOY,
      'sidecar.patch.yaml': SIDECAR_OPS('${VOLUME}'),
    };
    assert.deepEqual(checkFiles(files), []);
  });

  it("a value a patch writes in an Istio resource that Istio's webhook rejects is IST0106 on that value", () => {
    const vs = webRoute;
    const files = {
      'kustomization.yaml': `resources:
- vs.yaml
patchesJson6902:
- path: ops.yaml
  target: {group: networking.istio.io, version: v1, kind: VirtualService, name: web}
`,
      'vs.yaml': vs,
      'ops.yaml': '- op: add\n  path: /spec/http/0/match\n  value:\n  - uri:\n      regex: "a(b"\n',
    };
    assert.deepEqual(checkFiles(files), [
      'ops.yaml:5 IST0106 Schema validation error: "uri": error parsing regexp: missing closing ): `a(b`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax) (in the kustomize rendering of VirtualService web)',
    ]);
    // A valid expression: nothing.
    assert.deepEqual(checkFiles({ ...files, 'ops.yaml': files['ops.yaml'].replace('a(b', 'a(b)') }), []);
  });

  it("reads Kubernetes' field paths", () => {
    assert.deepEqual(fieldSegments('spec.containers[1].volumeMounts[0].name'), [
      'spec',
      'containers',
      1,
      'volumeMounts',
      0,
      'name',
    ]);
    assert.deepEqual(fieldSegments('metadata.labels[app.kubernetes.io/name]'), [
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });
});
