// kustomize's `replacements` (api/filters/replacement) and the ConfigMaps configMapGenerator makes from
// literals, read as kustomize reads them: the analyzers judge the value kustomize writes, and a value it
// writes from what the workspace cannot supply is unknown.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyReplacements,
  readReplacements,
  splitPath,
  UNRESOLVED,
} from '../../server/src/engine/kustomize/replacements';
import { service, virtualService } from '../helpers/manifests';
import { checkFiles as check } from '../helpers/workspace';

/** The kubeflow-style overlay: a host's namespace segment written from the Service's namespace. */
const NS_REPLACEMENT = `resources:
- svc.yaml
- vs.yaml
namespace: shop
replacements:
- source:
    kind: Service
    name: cart
    fieldPath: metadata.namespace
  targets:
  - select:
      kind: VirtualService
      name: web
    fieldPaths:
    - spec.http.0.route.0.destination.host
    options:
      delimiter: .
      index: 1
`;

/** A Gateway `public` for *.example.com whose VirtualService's host a replacement writes from `source`. */
const hostFrom = (source: string, extra = ''): Record<string, string> => ({
  'kustomization.yaml': `resources:\n- app.yaml\n${extra}replacements:\n- source:\n${source}\n  targets:\n  - select: {kind: VirtualService}\n    fieldPaths: [spec.hosts.0]\n`,
  'app.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.example.com"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: istio-system}
spec:
  hosts: [HOST_PLACEHOLDER]
  gateways: [public]
  http:
  - route:
    - destination: {host: web}
---
${service('web', 'istio-system')}`,
});
const IST0132 = (host: string) =>
  `app.yaml:15 IST0132 one or more host [${host}] defined in VirtualService istio-system/web not found in Gateway istio-system/public.`;

describe('kustomize replacements', () => {
  it('a host segment written from a resource is judged as written by kustomize', () => {
    const files = {
      'kustomization.yaml': NS_REPLACEMENT,
      'svc.yaml': service('cart'),
      'vs.yaml': virtualService('cartt.NAMESPACE_PLACEHOLDER.svc.cluster.local'),
    };
    // Rendered: cartt.shop.svc.cluster.local, a slip for the Service cart in shop.
    assert.deepEqual(check(files), [
      'vs.yaml:10 IST0101 Referenced host not found: "cartt.shop.svc.cluster.local"',
    ]);
    assert.deepEqual(
      check({ ...files, 'vs.yaml': virtualService('cart.NAMESPACE_PLACEHOLDER.svc.cluster.local') }),
      [],
    );
  });

  it('a configMapGenerator literal is a source; a key only its env file holds is unknown', () => {
    const generator = (literal: string) =>
      `configMapGenerator:\n- name: params\n  envs: [params.env]\n  literals: [${literal}]\n`;
    const source = '    kind: ConfigMap\n    name: params\n    fieldPath: data.HOST';
    assert.deepEqual(check(hostFrom(source, generator('HOST=web.example.com'))), []);
    assert.deepEqual(check(hostFrom(source, generator('HOST="web.example.org"'))), [
      IST0132('web.example.org'),
    ]);
    // HOST comes from params.env, a file the engine does not read: the host is unknown, not HOST_PLACEHOLDER.
    const fromEnv = hostFrom(source, generator('OTHER=x'));
    fromEnv['app.yaml'] = fromEnv['app.yaml'].replace('HOST_PLACEHOLDER', 'web.example.org');
    assert.deepEqual(check(fromEnv), []);
    // An overlay's generator with behavior merge changes the ConfigMap its base generates.
    const base = hostFrom(source, generator('HOST=web.example.com'));
    const overlay = {
      'base/kustomization.yaml': base['kustomization.yaml'].replace(/replacements:[^]*/, ''),
      'base/app.yaml': base['app.yaml'],
      'prod/kustomization.yaml':
        'resources:\n- ../base\nconfigMapGenerator:\n- name: params\n  behavior: merge\n  literals: [HOST=web.example.org]\n' +
        base['kustomization.yaml'].slice(base['kustomization.yaml'].indexOf('replacements:')),
    };
    assert.deepEqual(check(overlay), ['base/' + IST0132('web.example.org') + ' (in overlay prod)']);
  });

  it('sourceValue, a reject, and a file of replacements', () => {
    const literal = '    kind: Service\n    name: web';
    // The Service's name, `web`, is no host under *.example.com.
    assert.deepEqual(check(hostFrom(literal)), [IST0132('web')]);
    const files = hostFrom(literal);
    files['kustomization.yaml'] = 'resources:\n- app.yaml\nreplacements:\n- path: replacements.yaml\n';
    files['replacements.yaml'] =
      '- sourceValue: shop.example.com\n  targets:\n  - select: {kind: VirtualService}\n    reject: [{name: other}]\n    fieldPaths: [spec.hosts.0]\n';
    assert.deepEqual(check(files), []);
    files['replacements.yaml'] = files['replacements.yaml']
      .replace('name: other', 'name: web')
      .replace('shop.example.com', 'shop.example.net');
    // The VirtualService is rejected: its host stays as written, a placeholder.
    assert.deepEqual(check(files), []);
  });
});

describe('replacement field paths', () => {
  const item = (value: object) => ({
    value: structuredClone(value) as Record<string, unknown>,
    origName: 'x',
  });
  const r = (yaml: object) => readReplacements([yaml]);

  it('splits at dots outside brackets', () => {
    assert.deepEqual(splitPath('spec.template.spec.containers.[name=web.v1].image'), [
      'spec',
      'template',
      'spec',
      'containers',
      '[name=web.v1]',
      'image',
    ]);
  });

  it('selects list elements by field, by index and all; keeps a number a number', () => {
    const deploy = item({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a:1' },
              { name: 'b', image: 'b:1' },
            ],
          },
        },
      },
    });
    const ok = applyReplacements(
      [deploy],
      r({
        sourceValue: '3',
        targets: [
          {
            select: { kind: 'Deployment' },
            fieldPaths: ['spec.replicas', 'spec.template.spec.containers.[name=b].image'],
          },
          {
            select: { kind: 'Deployment' },
            fieldPaths: ['spec.template.spec.containers.*.name'],
            options: { delimiter: '-', index: -1 },
          },
        ],
      }),
    );
    assert.ok(ok);
    assert.deepEqual(deploy.value.spec, {
      replicas: 3,
      template: {
        spec: {
          containers: [
            { name: '3-a', image: 'a:1' },
            { name: '3-b', image: '3' },
          ],
        },
      },
    });
  });

  it('creates a missing field only with create; an unknown source writes UNRESOLVED', () => {
    const cm = item({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    const target = (create: boolean) => ({
      select: { kind: 'ConfigMap' },
      fieldPaths: ['data.KEY'],
      options: { create },
    });
    assert.equal(applyReplacements([cm], r({ sourceValue: 'v', targets: [target(false)] })), false);
    assert.equal(cm.value.data, undefined);
    assert.ok(applyReplacements([cm], r({ sourceValue: 'v', targets: [target(true)] })));
    assert.deepEqual(cm.value.data, { KEY: 'v' });
    // A target without select fails kustomize's build: it writes nothing (never every resource's name).
    assert.ok(applyReplacements([cm], r({ sourceValue: 'v', targets: [{ fieldPaths: ['metadata.name'] }] })));
    assert.deepEqual(cm.value.metadata, { name: 'c' });
    const missing = r({ source: { kind: 'Secret', name: 'absent' }, targets: [target(true)] });
    assert.equal(applyReplacements([cm], missing), false);
    assert.deepEqual(cm.value.data, { KEY: UNRESOLVED });
  });
});
