// A short host (`backend`) is looked up in the referrer's namespace. When the referrer's own apply puts the
// Service of that name in another namespace, both written in the manifests, the namespace was left out:
// IST0101 on a partial workspace too, saying where the Service is and what to write.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../helpers/workspace';

const vs = (ns: string | undefined, host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
${ns ? `  namespace: ${ns}\n` : ''}spec:
  hosts: [web.example.com]
  gateways: [istio-system/web-gateway]
  http:
  - route:
    - destination:
        host: ${host}
`;
const service = (ns: string | undefined) => `apiVersion: v1
kind: Service
metadata:
  name: backend
${ns ? `  namespace: ${ns}\n` : ''}spec:
  selector: {app: backend}
  ports: [{name: http, port: 8080}]
`;
const missing = (files: Record<string, string>) => checkFiles(files).filter((l) => l.includes('IST0101'));

describe('a short host whose Service the same apply puts in another namespace', () => {
  it('is reported missing, saying where the Service is', () => {
    assert.deepEqual(
      missing({ 'k8s/vs.yaml': vs('istio-system', 'backend'), 'k8s/svc.yaml': service('app') }),
      [
        'k8s/vs.yaml:12 IST0101 Referenced host not found: "backend" (the Service app/backend is applied beside it: a short host is looked up in the VirtualService\'s namespace (istio-system); write backend.app.svc.cluster.local)',
      ],
    );
  });

  it('not when a namespace is given at apply time, the host names it, or the Service is applied apart', () => {
    assert.deepEqual(
      missing({ 'k8s/vs.yaml': vs('istio-system', 'backend'), 'k8s/svc.yaml': service(undefined) }),
      [],
    );
    assert.deepEqual(
      missing({ 'k8s/vs.yaml': vs(undefined, 'backend'), 'k8s/svc.yaml': service('app') }),
      [],
    );
    assert.deepEqual(
      missing({
        'k8s/vs.yaml': vs('istio-system', 'backend.app.svc.cluster.local'),
        'k8s/svc.yaml': service('app'),
      }),
      [],
    );
    assert.deepEqual(
      missing({ 'istio/vs.yaml': vs('istio-system', 'backend'), 'app/svc.yaml': service('app') }),
      [],
    );
    // the Service of that name in the VirtualService's own namespace too
    assert.deepEqual(
      missing({
        'k8s/vs.yaml': vs('app', 'backend'),
        'k8s/svc.yaml': service('app'),
        'k8s/other.yaml': service('staging'),
      }),
      [],
    );
  });
});
