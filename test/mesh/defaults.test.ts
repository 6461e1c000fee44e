// One mesh-defaults module for analysis and injection, checked against upstream's DefaultProxyConfig()
// and DefaultMeshConfig() (test/fixtures/mesh/istio-defaults.json), and kept fresh: the fixture must
// describe the same Istio commit as the injection bundle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  applyMeshConfig as analysisApply,
  defaultMeshConfig as analysisDefaults,
} from '../../server/src/engine/analysis';
import { loadInjectBundle } from '../../server/src/data/inject';
import { buildSettings } from '../../server/src/engine/inject';
import {
  applyMeshConfig,
  applyProxyConfig,
  defaultMeshConfig,
  defaultProxyConfig,
} from '../../server/src/engine/mesh';
import { fixtures, repoRoot } from '../helpers/paths';

interface Upstream {
  istioCommit: string;
  proxyConfig: Record<string, unknown>;
  meshConfig: Record<string, unknown>;
}
const upstream = JSON.parse(
  fs.readFileSync(path.join(fixtures, 'mesh', 'istio-defaults.json'), 'utf8'),
) as Upstream;

describe('mesh defaults', () => {
  it('are upstream DefaultProxyConfig()', () => {
    assert.deepEqual(defaultProxyConfig(), upstream.proxyConfig);
  });
  it('are upstream DefaultMeshConfig(), with DefaultProxyConfig() as defaultConfig', () => {
    assert.deepEqual(defaultMeshConfig(), { ...upstream.meshConfig, defaultConfig: upstream.proxyConfig });
  });
  it('were checked at the Istio commit the injection bundle comes from (freshness)', () => {
    const bundle = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'schemas', 'inject', 'bundle.json'), 'utf8'),
    ) as {
      source: { istioCommit: string };
    };
    assert.equal(
      upstream.istioCommit,
      bundle.source.istioCommit,
      're-read pkg/config/mesh/mesh.go at the bundle commit and update test/fixtures/mesh/istio-defaults.json',
    );
  });
  it('no longer carry the zipkin tracer, concurrency 2 or parentShutdownDuration upstream dropped', () => {
    const pc = defaultProxyConfig();
    for (const k of ['tracing', 'concurrency', 'parentShutdownDuration']) assert.ok(!(k in pc), k);
  });
  it('analysis and injection use the same defaults', () => {
    assert.deepEqual(analysisDefaults(), defaultMeshConfig());
    assert.equal(analysisApply, applyMeshConfig);
    // Injection starts from the same defaults: the chart's mesh (profile empty) only adds to them.
    const mesh = buildSettings(loadInjectBundle(), { profile: 'empty' }).mesh;
    const dc = mesh.defaultConfig as Record<string, unknown>;
    for (const [k, v] of Object.entries(upstream.proxyConfig))
      if (k !== 'discoveryAddress') assert.deepEqual(dc[k], v, k);
    assert.deepEqual(mesh.extensionProviders, upstream.meshConfig.extensionProviders);
  });
  it('do not change when a copy is changed', () => {
    const a = defaultMeshConfig();
    (a.defaultConfig as Record<string, unknown>).statusPort = 1;
    assert.equal((defaultMeshConfig().defaultConfig as Record<string, unknown>).statusPort, 15020);
  });
});

describe('ApplyMeshConfig (pkg/config/mesh ApplyMeshConfig)', () => {
  it('top-level fields override; defaultConfig is applied onto the previous proxy config', () => {
    const m = applyMeshConfig({
      ingressService: 'gw',
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
      defaultConfig: { statusPort: 1 },
    });
    assert.equal(m.ingressService, 'gw');
    assert.deepEqual(m.outboundTrafficPolicy, { mode: 'REGISTRY_ONLY' });
    const dc = m.defaultConfig as Record<string, unknown>;
    assert.equal(dc.statusPort, 1);
    assert.equal(dc.drainDuration, '45s');
  });
  it('extensionProviders replace a same-named provider in place and append new ones', () => {
    const m = applyMeshConfig({
      extensionProviders: [
        { name: 'envoy', envoyOtelAls: {} },
        { name: 'otel', opentelemetry: {} },
      ],
    });
    assert.deepEqual(
      (m.extensionProviders as { name: string }[]).map((p) => p.name),
      ['prometheus', 'stackdriver', 'envoy', 'otel'],
    );
    assert.deepEqual((m.extensionProviders as unknown[])[2], { name: 'envoy', envoyOtelAls: {} });
  });
  it('trustDomainAliases are unioned and sorted', () => {
    const base = applyMeshConfig({ trustDomainAliases: ['b.local'] });
    assert.deepEqual(
      applyMeshConfig({ trustDomainAliases: ['a.local', 'b.local'] }, base).trustDomainAliases,
      ['a.local', 'b.local'],
    );
  });
  it('snake_case field names are read as their JSON names', () => {
    const m = applyMeshConfig({ root_namespace: 'x', default_config: { proxy_metadata: { A: '1' } } });
    assert.equal(m.rootNamespace, 'x');
    assert.deepEqual((m.defaultConfig as Record<string, unknown>).proxyMetadata, { A: '1' });
  });
});

describe('ApplyProxyConfig (per-field replace, proxyMetadata merged)', () => {
  it('a message field set by the overlay replaces the whole field (proxy.proto: not a deep merge)', () => {
    const base = applyProxyConfig(defaultProxyConfig(), {
      tracing: { zipkin: { address: 'z:9411' }, sampling: 5 },
    });
    const pc = applyProxyConfig(base, { tracing: { sampling: 10 } });
    assert.deepEqual(pc.tracing, { sampling: 10 });
  });
  it('proxyMetadata keys merge, the overlay winning (mergeMap)', () => {
    const base = applyProxyConfig({}, { proxyMetadata: { A: '1', B: '2' } });
    assert.deepEqual(applyProxyConfig(base, { proxy_metadata: { B: '3', C: '4' } }).proxyMetadata, {
      A: '1',
      B: '3',
      C: '4',
    });
  });
  it('fields ProxyConfig does not have are dropped, as Istio retries with AllowUnknownFields', () => {
    assert.deepEqual(applyProxyConfig({}, { notAField: 1, concurrency: 0 }), { concurrency: 0 });
  });
  it('serviceCluster and tracingServiceName are one oneof', () => {
    assert.deepEqual(
      applyProxyConfig(defaultProxyConfig(), { tracingServiceName: 'CANONICAL_NAME_ONLY' }).serviceCluster,
      undefined,
    );
  });
});
