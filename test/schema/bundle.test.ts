// The committed bundle: complete, and every ref resolvable (test/engine/generated.test.ts checks it is
// what its generator writes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { schemaRegistry } from '../../server/src/data/schemas';
import { repoRoot } from '../helpers/paths';

const bundle = path.join(repoRoot, 'schemas');
const jsonFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? e.name === 'inject'
          ? []
          : jsonFiles(path.join(dir, e.name)).map((f) => `${e.name}/${f}`)
        : e.name.endsWith('.json')
          ? [e.name]
          : [],
    )
    .sort();

describe('schema bundle', () => {
  const reg = schemaRegistry();
  it('lists the Istio, Gateway API and Kubernetes kinds', () => {
    const has = (g: string, v: string, k: string) => assert.ok(reg.lookup(g, v, k), `${g}/${v} ${k}`);
    has('networking.istio.io', 'v1', 'VirtualService');
    has('networking.istio.io', 'v1alpha3', 'EnvoyFilter');
    has('security.istio.io', 'v1', 'AuthorizationPolicy');
    has('telemetry.istio.io', 'v1', 'Telemetry');
    has('extensions.istio.io', 'v1alpha1', 'WasmPlugin');
    has('gateway.networking.k8s.io', 'v1', 'HTTPRoute');
    has('inference.networking.k8s.io', 'v1', 'InferencePool');
    has('', 'v1', 'Pod');
    has('apps', 'v1', 'Deployment');
    has('autoscaling', 'v2', 'HorizontalPodAutoscaler');
    has('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration');
    assert.equal(new Set(reg.index.kinds.filter((k) => k.source === 'istio').map((k) => k.kind)).size, 15);
    assert.equal(reg.index.kinds.filter((k) => k.source === 'istio').length, 33);
    assert.ok(reg.kindCount > 200);
  });
  it('records served, preferred, deprecated and scope', () => {
    const tls = reg.lookup('gateway.networking.k8s.io', 'v1alpha2', 'TLSRoute')!;
    assert.equal(tls.deprecated, true);
    assert.match(tls.deprecationWarning!, /deprecated/);
    assert.equal(reg.preferredApiVersion('telemetry.istio.io', 'Telemetry'), 'telemetry.istio.io/v1');
    assert.equal(reg.lookup('telemetry.istio.io', 'v1alpha1', 'Telemetry')!.storage, true);
    assert.equal(reg.lookup('', 'v1', 'Namespace')!.scope, 'Cluster');
    assert.equal(reg.lookup('', 'v1', 'Pod')!.scope, 'Namespaced');
    assert.equal(reg.lookup('gateway.networking.k8s.io', 'v1', 'GatewayClass')!.scope, 'Cluster');
  });
  it("resolves every kind's schema and every ref in the bundle", () => {
    for (const e of reg.index.kinds) {
      const s = reg.schemaOf(e);
      assert.ok(s && s.hasProperties(), `${e.group}/${e.version} ${e.kind}`);
      if (!e.kind.endsWith('List'))
        assert.ok(s.property('metadata')?.property('name'), `${e.kind} has metadata.name`);
    }
    const bad: string[] = [];
    for (const f of jsonFiles(bundle).filter((f) => f !== 'index.json')) {
      const id = f.replace(/\.json$/, '');
      const text = fs.readFileSync(path.join(bundle, f), 'utf8');
      for (const m of text.matchAll(/"\$ref":"([^"]+)"/g))
        if (!reg.resolve(m[1], id)) bad.push(`${f}: ${m[1]}`);
    }
    assert.deepEqual(bad, []);
  });
  it('keeps what CEL and the validator need', () => {
    const text = fs.readFileSync(path.join(bundle, 'crds', 'networking.istio.io.json'), 'utf8');
    for (const k of [
      'x-kubernetes-validations',
      'x-kubernetes-preserve-unknown-fields',
      'x-kubernetes-int-or-string',
      '"format":"duration"',
      '"enum"',
    ])
      assert.ok(text.includes(k), k);
  });
});
