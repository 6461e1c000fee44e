// A JSON-patch file is no document: each operation is checked against the schema of the field its
// path names in the resources it patches (analysis/patchOperations.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../helpers/workspace';
import { webRoute } from '../helpers/manifests';

const VS = webRoute;

const kustomization = (key: 'patchesJson6902' | 'patches') => `resources:
- vs.yaml
${key}:
- path: vs-patch.yaml
  target: {group: networking.istio.io, version: v1, kind: VirtualService, name: web}
`;

const OPS = `- op: add
  path: /spec/http/0/timeoutt
  value: 10s
- op: add
  path: /spec/http/0/retries
  value:
    attempts: 3
    perTryTimeout: 2
    retryOnn: 5xx
- op: replace
  path: /metadata/labels/app.kubernetes.io~1part-of
  value: shop
- op: add
  path: /metadatas/labels/team
  value: web
`;

describe('the operations of a JSON patch are partial documents at their path', () => {
  for (const key of ['patchesJson6902', 'patches'] as const) {
    it(`a misspelt last step, a wrong type and an unknown field in a value are reported (${key})`, () => {
      const files = { 'kustomization.yaml': kustomization(key), 'vs.yaml': VS, 'vs-patch.yaml': OPS };
      assert.deepEqual(checkFiles(files), [
        'vs-patch.yaml:14 unknown-field Unknown field `metadatas`; did you mean `metadata`?',
        'vs-patch.yaml:2 unknown-field Unknown field `timeoutt` in spec.http[0]; did you mean `timeout`?',
        'vs-patch.yaml:8 invalid-type spec.http[0].retries.perTryTimeout must be a string, not integer 2',
        'vs-patch.yaml:9 unknown-field Unknown field `retryOnn` in spec.http[0].retries; did you mean `retryOn`?',
      ]);
    });
  }

  it('removing a field no VirtualService has fails the build: reported on the path', () => {
    const files = {
      'kustomization.yaml': kustomization('patches'),
      'vs.yaml': VS,
      'vs-patch.yaml': '- op: remove\n  path: /spec/http/0/timout\n',
    };
    assert.deepEqual(checkFiles(files), [
      'vs-patch.yaml:2 unknown-field Unknown field `timout` in spec.http[0]; did you mean `timeout`?',
    ]);
  });

  it('a correct patch, and a file no kustomization applies, say nothing', () => {
    const good = OPS.replace('timeoutt', 'timeout')
      .replace('perTryTimeout: 2', 'perTryTimeout: 2s')
      .replace('retryOnn', 'retryOn')
      .replace('metadatas', 'metadata');
    assert.deepEqual(
      checkFiles({ 'kustomization.yaml': kustomization('patches'), 'vs.yaml': VS, 'vs-patch.yaml': good }),
      [],
    );
    assert.deepEqual(
      checkFiles({ 'kustomization.yaml': 'resources:\n- vs.yaml\n', 'vs.yaml': VS, 'vs-patch.yaml': OPS }),
      [],
    );
  });

  it('an inline patch is read where it is written in the kustomization: operations and strategic merges', () => {
    const files = {
      'vs.yaml': VS,
      'kustomization.yaml': `resources:
- vs.yaml
patches:
- target: {kind: VirtualService, name: web}
  patch: |-
    - op: replace
      path: /spec/hostss
      value: [web.example.com]
- patch: |-
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata:
      name: web
    spec:
      http:
      - route:
        - destination:
            host: web
          weigth: 100
`,
    };
    assert.deepEqual(checkFiles(files), [
      'kustomization.yaml:19 unknown-field Unknown field `weigth` in spec.http[0].route[0]; did you mean `weight`?',
      'kustomization.yaml:7 unknown-field Unknown field `hostss` in spec; did you mean `hosts`?',
    ]);
  });

  it('an inline patch whose target no rendering holds (a remote base) is checked against the kind it names', () => {
    const files = {
      'kustomization.yaml': `resources:
- github.com/example/shop//deploy?ref=v1
patches:
- target: {group: networking.istio.io, version: v1, kind: VirtualService, name: web}
  patch: |-
    - op: replace
      path: /spec/hostss
      value: [web.example.com]
- target: {kind: VirtualService, name: web}
  patch: |-
    - op: replace
      path: /spec/gatewayz
      value: [gw]
- target: {kind: HTTPRoute, name: web}
  patch: |-
    apiVersion: gateway.networking.k8s.io/v1
    kind: HTTPRoute
    metadata:
      name: web
    spec:
      hostname:
      - web.example.com
`,
    };
    // The second names no version: it must be wrong at every served version of the kind, as it is.
    assert.deepEqual(checkFiles(files), [
      'kustomization.yaml:12 unknown-field Unknown field `gatewayz` in spec; did you mean `gateways`?',
      'kustomization.yaml:21 unknown-field Unknown field `hostname` in spec; did you mean `hostnames`?',
      'kustomization.yaml:7 unknown-field Unknown field `hostss` in spec; did you mean `hosts`?',
    ]);
    // A kind of two groups (Istio's and the Gateway API's Gateway): only what is wrong in both.
    const gw = {
      'kustomization.yaml': `resources:
- github.com/example/shop//deploy?ref=v1
patches:
- target: {kind: Gateway, name: web}
  patch: |-
    - op: add
      path: /spec/listeners/0/port
      value: 8080
    - op: add
      path: /spec/selectorr
      value: {istio: ingressgateway}
- target: {kind: Deployment, name: web}
  patch: |-
    - op: replace
      path: /spec/replica
      value: 3
`,
    };
    assert.deepEqual(checkFiles(gw), [
      'kustomization.yaml:10 unknown-field Unknown field `selectorr` in spec',
      'kustomization.yaml:15 unknown-field Unknown field `replica` in spec; did you mean `replicas`?',
    ]);
  });
});
