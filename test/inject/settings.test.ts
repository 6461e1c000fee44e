// Settings layering: the istiod chart as istioctl renders it (checked against upstream's reference
// render), --set path parsing, and settings taken from a cluster's ConfigMaps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadInjectBundle } from '../../server/src/data/inject';
import { buildSettings, InjectSettingsError } from '../../server/src/engine/inject';
import { renderChart } from '../../server/src/engine/inject/settings';
import { parseSetValue, setPath, splitPath } from '../../server/src/engine/inject/setPath';
import { injectDir } from './goldenCases';

const bundle = loadInjectBundle();
const refDir = path.join(injectDir, 'reference-render');
const refInput = {
  name: 'pilot_default.input.iop.yaml',
  text: fs.readFileSync(path.join(refDir, 'pilot_default.input.iop.yaml'), 'utf8'),
};
const refConfigMaps = parseAllDocuments(
  fs.readFileSync(path.join(refDir, 'pilot_default.configmaps.golden.yaml'), 'utf8'),
).map((d) => d.toJS() as { metadata?: { name?: string }; data: Record<string, string> } | null);
const cm = (name: string) => refConfigMaps.find((d) => d?.metadata?.name === name)!;

describe('chart rendering (upstream reference render)', () => {
  const r = renderChart(bundle, { operatorFiles: [refInput] });
  it('injector values equal the istio-sidecar-injector ConfigMap values', () => {
    assert.deepEqual(r.injectorValues, JSON.parse(cm('istio-sidecar-injector').data.values));
  });
  it('mesh equals the istio ConfigMap mesh', () => {
    assert.deepEqual(r.mesh, parse(cm('istio').data.mesh));
  });
});

describe('--set paths', () => {
  const cases: { set: string; want: unknown }[] = [
    { set: 'values.global.proxy.statusPort=0', want: { values: { global: { proxy: { statusPort: 0 } } } } },
    {
      set: 'values.global.proxy.excludeInboundPorts=4,5,6',
      want: { values: { global: { proxy: { excludeInboundPorts: '4,5,6' } } } },
    },
    { set: 'components.cni.enabled=true', want: { components: { cni: { enabled: true } } } },
    {
      set: 'values.global.imagePullSecrets[0]=s1',
      want: { values: { global: { imagePullSecrets: ['s1'] } } },
    },
    {
      set: 'meshConfig.defaultConfig.proxyMetadata.A=b',
      want: { meshConfig: { defaultConfig: { proxyMetadata: { A: 'b' } } } },
    },
  ];
  for (const c of cases) {
    it(c.set, () => {
      const root = {};
      const eq = c.set.indexOf('=');
      setPath(root, splitPath(c.set.slice(0, eq)), parseSetValue(c.set.slice(eq + 1)));
      assert.deepEqual(root, c.want);
    });
  }
  it('values reach the injector', () => {
    const s = buildSettings(bundle, {
      sets: [
        'values.global.proxy.image=proxyTest',
        'components.cni.enabled=true',
        'values.cni.provider=multus',
        'meshConfig.trustDomain=td',
      ],
    });
    assert.equal((s.values.global as { proxy: { image: string } }).proxy.image, 'proxyTest');
    assert.deepEqual((s.values.pilot as { cni: unknown }).cni, { enabled: true, provider: 'multus' });
    assert.equal(s.mesh.trustDomain, 'td');
  });
  it('bad input is a clear settings error', () => {
    assert.throws(
      () => buildSettings(bundle, { sets: ['novalue'] }),
      (e: unknown) => e instanceof InjectSettingsError && /PATH=VALUE/.test(e.message),
    );
    assert.throws(() => buildSettings(bundle, { profile: 'nope' }), /unknown profile "nope"/);
    assert.throws(
      () => buildSettings(bundle, { operatorFiles: [{ name: 'x.yaml', text: 'kind: Service\n' }] }),
      /expected kind IstioOperator/,
    );
    assert.throws(
      () => buildSettings(bundle, { meshConfig: { name: 'm.yaml', text: 'a: [' } }),
      /m.yaml: not valid YAML/,
    );
  });
});

describe('native sidecars', () => {
  const cases: { mode?: 'auto' | 'true' | 'false'; version?: string; want: boolean }[] = [
    { want: true },
    { mode: 'auto', version: '1.32', want: false },
    { mode: 'auto', version: 'v1.34.1', want: true },
    { mode: 'true', version: '1.20', want: true },
    { mode: 'false', want: false },
  ];
  for (const c of cases) {
    it(`${c.mode ?? 'default'} on ${c.version ?? 'default version'} → ${c.want}`, () => {
      assert.equal(
        buildSettings(bundle, { nativeSidecars: c.mode, kubernetesVersion: c.version }).nativeSidecars,
        c.want,
      );
    });
  }
});

describe('settings exported from a cluster', () => {
  const file = {
    name: 'configmaps.yaml',
    text: fs.readFileSync(path.join(refDir, 'pilot_default.configmaps.golden.yaml'), 'utf8'),
  };
  it('injector ConfigMap: its templates and values are used', () => {
    const s = buildSettings(bundle, { injectionConfig: file });
    assert.equal((s.values.global as { tag: string }).tag, '1.1.4');
    assert.match(s.config.templates.sidecar, /trimSuffix "-"/); // the cluster's (older) template, not ours
    assert.deepEqual(s.config.defaultTemplates, ['sidecar']);
  });
  it('mesh ConfigMap replaces the chart mesh', () => {
    const s = buildSettings(bundle, { meshConfig: file });
    assert.equal(s.mesh.rootNamespace, 'istio-control');
  });
});

describe("default proxy image: the release of istioLens.istioVersion, not the chart's development image", () => {
  it('docker.io/istio and the first patch of the bundled Istio version', () => {
    assert.equal(buildSettings(bundle, {}).proxyImage, 'docker.io/istio/proxyv2:1.32.0');
    assert.equal(
      buildSettings(bundle, { istioVersion: '1.31' }).proxyImage,
      'docker.io/istio/proxyv2:1.31.0',
    );
    assert.equal(
      buildSettings(bundle, { istioVersion: '1.30.2' }).proxyImage,
      'docker.io/istio/proxyv2:1.30.2',
    );
  });
  it('hub and tag set by --set or an IstioOperator win', () => {
    const sets = ['values.global.hub=registry.istio.io/testing', 'values.global.tag=latest'];
    assert.equal(buildSettings(bundle, { sets }).proxyImage, 'registry.istio.io/testing/proxyv2:latest');
    const op = {
      name: 'op.yaml',
      text: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  hub: example.com/istio\n  tag: 1.29.1\n',
    };
    assert.equal(
      buildSettings(bundle, { operatorFiles: [op] }).proxyImage,
      'example.com/istio/proxyv2:1.29.1',
    );
  });
});
