// Node ports are unique in the cluster: of two Services applied together that ask for the same one, the
// API server rejects the one applied second (kubectl's order: files by path, documents in order).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../helpers/workspace';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { testEnv } from '../helpers/env';

const svc = (name: string, nodePort: number, type = 'NodePort', ns = '') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  type: ${type}\n  selector: {app: ${name}}\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n    nodePort: ${nodePort}\n`;
const conflicts = (files: Record<string, string>) => checkFiles(files).filter((l) => l.includes('nodePort'));

describe('node ports allocated twice', () => {
  it('the Service applied second is rejected, pointing at the holder', () => {
    assert.deepEqual(
      conflicts({ 'k8s/a.yaml': svc('prediction', 31003), 'k8s/b.yaml': svc('prediction-advanced', 31003) }),
      [
        'k8s/b.yaml:12 k8s-validation spec.ports[0].nodePort: Invalid value: 31003: provided port is already allocated',
      ],
    );
  });

  it('the finding points at the Service holding the port', () => {
    const files = [
      parseFile('file:///ws/k8s/a.yaml', svc('prediction', 31003)),
      parseFile('file:///ws/k8s/b.yaml', svc('prediction-advanced', 31003)),
    ];
    const found = checkWorkspace(files, testEnv())
      .get('file:///ws/k8s/b.yaml')!
      .find((d) => d.message.includes('already allocated'))!;
    assert.deepEqual(
      found.relatedInformation?.map((r) => [r.uri, r.range.start.line + 1, r.message]),
      [
        [
          'file:///ws/k8s/a.yaml',
          12,
          'Service prediction holds node port 31003 (node ports are unique in the cluster)',
        ],
      ],
    );
  });

  it('whatever the namespaces or the type (LoadBalancer allocates node ports too), in one file', () => {
    assert.deepEqual(
      conflicts({
        'all.yaml': `${svc('a', 30080, 'NodePort', 'one')}---\n${svc('b', 30080, 'LoadBalancer', 'two')}`,
      }),
      [
        'all.yaml:27 k8s-validation spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
      ],
    );
  });

  it('different ports, one object defined twice, or Services of unrelated directories: no conflict', () => {
    assert.deepEqual(conflicts({ 'k8s/a.yaml': svc('a', 31003), 'k8s/b.yaml': svc('b', 31004) }), []);
    assert.deepEqual(conflicts({ 'k8s/a.yaml': svc('a', 31003), 'k8s/v2/a.yaml': svc('a', 31003) }), []);
    assert.deepEqual(conflicts({ 'app1/svc.yaml': svc('a', 31003), 'app2/svc.yaml': svc('b', 31003) }), []);
  });

  it('an object takes its port when its first definition is applied, and keeps it through later ones', () => {
    // kubectl apply -f k8s/: a-first.yaml creates prediction, b.yaml is refused, c-later.yaml updates prediction.
    assert.deepEqual(
      conflicts({
        'k8s/a-first.yaml': svc('prediction', 31003),
        'k8s/b.yaml': svc('prediction-advanced', 31003),
        'k8s/c-later.yaml': svc('prediction', 31003),
      }),
      [
        'k8s/b.yaml:12 k8s-validation spec.ports[0].nodePort: Invalid value: 31003: provided port is already allocated',
      ],
    );
  });

  it('in a kustomize rendering, the order kustomize emits: by namespace and name', () => {
    assert.deepEqual(
      conflicts({
        'app/kustomization.yaml': 'resources:\n- z.yaml\n- a.yaml\n',
        'app/z.yaml': svc('alpha', 30100),
        'app/a.yaml': svc('beta', 30100),
      }),
      [
        'app/a.yaml:12 k8s-validation spec.ports[0].nodePort: Invalid value: 30100: provided port is already allocated',
      ],
    );
  });

  it('a ClusterIP Service allocates no node port', () => {
    assert.deepEqual(
      conflicts({ 'k8s/a.yaml': svc('a', 31003), 'k8s/b.yaml': svc('b', 31003, 'ClusterIP') }).filter((l) =>
        l.includes('already allocated'),
      ),
      [],
    );
  });
});
