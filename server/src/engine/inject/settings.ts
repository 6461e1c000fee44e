// Layers the injection settings as `istioctl install` + `istioctl kube-inject` would:
//  1. chart values.yaml defaults + profile   2. IstioOperator --set paths   3. IstioOperator overlay files
//  4. MeshConfig overlay on Istio's defaults (+ the chart's rendered mesh)
// or, for exact fidelity to a cluster, the injector ConfigMap / values / mesh ConfigMap exported from it.
import { parse, parseAllDocuments } from 'yaml';
import type { InjectBundle, InjectSettings, InjectorConfig, JsonMap, LabelSelector } from './bundle';
import { deepCopy, mergeOverwrite } from './gotemplate';
import { applyMeshConfig } from '../mesh';
import { DEFAULT_SETTINGS } from '../model/env';
import { imageURL } from './injectPod';
import { renderChartMesh } from './mesh';
import { parseSetValue, setPath, splitPath } from './setPath';
import { arr, isObj, obj, toText } from '../util/json';

export class InjectSettingsError extends Error {}

export type NativeSidecarMode = 'auto' | 'true' | 'false';

export interface SettingsInput {
  /** IstioOperator profile (default: "default"). */
  profile?: string;
  /** IstioOperator paths, `values.global.proxy.image=foo`, as `istioctl install --set` takes them. */
  sets?: string[];
  /** IstioOperator YAML texts, applied in order after the --set paths. */
  operatorFiles?: { name: string; text: string }[];
  /** MeshConfig overlay YAML, or a mesh ConfigMap (`kubectl get cm istio -o yaml`). */
  meshConfig?: { name: string; text: string };
  /** The injector ConfigMap (`kubectl get cm istio-sidecar-injector -o yaml`) or its `config` value. */
  injectionConfig?: { name: string; text: string };
  /** The injector values (JSON/YAML), or a ConfigMap holding them under data.values. */
  values?: { name: string; text: string };
  nativeSidecars?: NativeSidecarMode;
  /** Kubernetes version the native-sidecar `auto` mode judges by (default: the engine's, 1.35). */
  kubernetesVersion?: string;
  /**
   * Istio release whose proxy image is assumed (`1.32` → `docker.io/istio/proxyv2:1.32.0`) unless the
   * settings give a hub or tag; default: the bundle's Istio version. The chart's own defaults are a
   * development image (`registry.istio.io/testing/proxyv2:latest`) no cluster runs.
   */
  istioVersion?: string;
  /** istiod's and istioctl's COMPLIANCE_POLICY (pkg/features): `fips-140-3`, or unset. */
  compliancePolicy?: string;
}

/** The hub Istio's releases are published to. */
export const RELEASE_HUB = 'docker.io/istio';

function releaseOf(bundle: InjectBundle, input: SettingsInput): string {
  return input.istioVersion ?? bundle.source.istioVersion ?? '';
}

/** A release tag from an Istio version: a minor version (`1.32`) means its first patch (`1.32.0`). */
export function releaseTag(istioVersion: string): string {
  const v = istioVersion.trim().replace(/^v/, '');
  return /^\d+\.\d+$/.test(v) ? `${v}.0` : v;
}

/** The ConfigMap (among the file's documents) holding `key` under data, if any. */
function findConfigMap(f: { name: string; text: string }, key: string): JsonMap | undefined {
  if (!/^kind:\s*ConfigMap\b/m.test(f.text)) return undefined;
  for (const d of parseAllDocuments(f.text, { version: '1.1' }) as unknown as {
    toJS(): unknown;
    errors: unknown[];
  }[]) {
    if (d.errors?.length) continue;
    const v = d.toJS();
    if (isObj(v) && v.kind === 'ConfigMap' && isObj(v.data) && typeof v.data[key] === 'string') return v;
  }
  return undefined;
}

function parseYamlFile(f: { name: string; text: string }): unknown {
  try {
    return parse(f.text, { version: '1.1' });
  } catch (e) {
    throw new InjectSettingsError(
      `${f.name}: not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
}

/** Builds the IstioOperator spec: profile, then --set paths, then overlay files. */
function operatorSpec(bundle: InjectBundle, input: SettingsInput): { spec: JsonMap; profile: string } {
  const files = (input.operatorFiles ?? []).map((f) => {
    const doc = parseYamlFile(f);
    if (!isObj(doc)) throw new InjectSettingsError(`${f.name}: expected an IstioOperator document`);
    if (doc.kind !== undefined && doc.kind !== 'IstioOperator')
      throw new InjectSettingsError(`${f.name}: expected kind IstioOperator, found ${toText(doc.kind)}`);
    return isObj(doc.spec) ? doc.spec : {};
  });
  const spec: JsonMap = {};
  for (const s of input.sets ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new InjectSettingsError(`--set ${s}: expected PATH=VALUE`);
    try {
      setPath(spec, splitPath(s.slice(0, eq).replace(/^spec\./, '')), parseSetValue(s.slice(eq + 1)));
    } catch (e) {
      throw new InjectSettingsError(`--set ${s}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const f of files) mergeOverwrite(spec, f);
  const profile = toText(spec.profile ?? input.profile ?? 'default');
  const base = bundle.operatorProfiles[profile] ?? (bundle.chartProfiles[profile] ? {} : undefined);
  if (!base)
    throw new InjectSettingsError(
      `unknown profile "${profile}" (known: ${[...Object.keys(bundle.operatorProfiles), ...Object.keys(bundle.chartProfiles)].join(', ')})`,
    );
  const baseSpec = deepCopy(isObj(base.spec) ? base.spec : {});
  // A released profile names the release's image; the bundled (development) one names the test hub.
  const release = releaseOf(bundle, input);
  if (release && 'hub' in baseSpec) baseSpec.hub = RELEASE_HUB;
  if (release && 'tag' in baseSpec) baseSpec.tag = releaseTag(release);
  const merged = mergeOverwrite(baseSpec, spec);
  return { spec: merged, profile };
}

/** IstioOperator spec → istiod chart values (what istioctl hands to the istio-discovery chart). */
function chartValues(bundle: InjectBundle, spec: JsonMap, profile: string, release: string): JsonMap {
  const v = deepCopy(bundle.values);
  const values = isObj(spec.values) ? spec.values : {};
  const chartProfile = bundle.chartProfiles[toText(values.profile ?? profile)];
  if (chartProfile) mergeOverwrite(v, chartProfile);
  for (const key of ['compatibilityVersion', 'platform'] as const) {
    const name = (values[key] ?? (isObj(values.global) ? values.global[key] : undefined)) as
      string | undefined;
    if (!name) continue;
    const overlay =
      bundle.chartProfiles[key === 'platform' ? `platform-${name}` : `compatibility-version-${name}`];
    if (!overlay) throw new InjectSettingsError(`unknown ${key} "${name}"`);
    mergeOverwrite(v, overlay);
  }
  const global = (v.global ??= {}) as JsonMap;
  if (release) {
    global.hub = RELEASE_HUB;
    global.tag = releaseTag(release);
  }
  if (spec.hub !== undefined) global.hub = spec.hub;
  if (spec.tag !== undefined) global.tag = spec.tag;
  if (spec.revision !== undefined) v.revision = spec.revision;
  for (const [k, x] of Object.entries(values)) {
    if (k === 'pilot')
      mergeOverwrite(v, x); // the pilot component's values are the chart's top level
    else if (k === 'cni') {
      // The cni chart's provider also drives the injector (istio-validation vs multus).
      if (isObj(x) && x.provider !== undefined) ((v.cni ??= {}) as JsonMap).provider = x.provider;
    } else if (isObj(x) && isObj(v[k])) mergeOverwrite(v[k], x);
    else v[k] = deepCopy(x);
  }
  if (isObj(spec.meshConfig)) mergeOverwrite((v.meshConfig ??= {}) as JsonMap, spec.meshConfig);
  const cniEnabled =
    isObj(spec.components) && isObj(spec.components.cni) ? spec.components.cni.enabled : undefined;
  if (cniEnabled !== undefined) ((v.cni ??= {}) as JsonMap).enabled = cniEnabled;
  return v;
}

/** The injector ConfigMap's `values`: the chart values scoped to what templates read. */
function injectorValues(chart: JsonMap): JsonMap {
  const pick = (o: unknown, ...ks: string[]) =>
    Object.fromEntries(ks.filter((k) => isObj(o) && k in o).map((k) => [k, deepCopy((o as JsonMap)[k])]));
  return {
    ...pick(chart, 'global', 'sidecarInjectorWebhook', 'revision'),
    pilot: pick(chart, 'cni', 'env'),
    gateways: pick(chart.gateways, 'securityContext', 'seccompProfile'),
  };
}

function injectorConfig(bundle: InjectBundle, chart: JsonMap): InjectorConfig {
  const swh = obj(chart.sidecarInjectorWebhook);
  const templates = { ...bundle.templates, ...stringValues(swh.templates) };
  return injectorFields(swh, templates, obj(obj(chart.global).proxy).autoInject, {});
}

/** A map's values as text (templates). */
const stringValues = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).map(([k, t]) => [k, String(t)]));

/**
 * The injector's configuration from `src` (the chart's sidecarInjectorWebhook values, or the
 * ConfigMap's `config`), which say the same things under the same names; templates, policy and
 * aliases come from where each source keeps them.
 */
function injectorFields(
  src: JsonMap,
  templates: Record<string, string>,
  policy: unknown,
  aliases: unknown,
): InjectorConfig {
  const defaults = arr(src.defaultTemplates);
  return {
    templates,
    defaultTemplates: defaults.length ? defaults.map(String) : ['sidecar'],
    aliases: obj(aliases) as Record<string, string[]>,
    policy: toText(policy ?? 'enabled'),
    neverInjectSelector: arr(src.neverInjectSelector) as LabelSelector[],
    alwaysInjectSelector: arr(src.alwaysInjectSelector) as LabelSelector[],
    injectedAnnotations: obj(src.injectedAnnotations) as Record<string, string>,
  };
}

/** Reads an injector config (`config` key of the ConfigMap, or the ConfigMap itself). */
function parseInjectorConfig(f: { name: string; text: string }): {
  config: InjectorConfig;
  values?: JsonMap;
} {
  let doc = findConfigMap(f, 'config') ?? parseYamlFile(f);
  let values: JsonMap | undefined;
  if (isObj(doc) && doc.kind === 'ConfigMap') {
    const data = isObj(doc.data) ? doc.data : {};
    if (typeof data.config !== 'string')
      throw new InjectSettingsError(
        `${f.name}: ConfigMap has no data.config (expected istio-sidecar-injector)`,
      );
    if (typeof data.values === 'string')
      values = parseValuesText({ name: `${f.name} data.values`, text: data.values });
    doc = parseYamlFile({ name: `${f.name} data.config`, text: data.config });
  }
  if (!isObj(doc))
    throw new InjectSettingsError(`${f.name}: expected the injector configuration (templates, policy...)`);
  const templates = stringValues(doc.templates);
  if (!Object.keys(templates).length && typeof doc.template === 'string') templates.sidecar = doc.template;
  const config = injectorFields(doc, templates, doc.policy, doc.aliases);
  return { config, values };
}

function parseValuesText(f: { name: string; text: string }): JsonMap {
  const doc = findConfigMap(f, 'values') ?? parseYamlFile(f);
  if (isObj(doc) && doc.kind === 'ConfigMap') {
    const data = isObj(doc.data) ? doc.data : {};
    if (typeof data.values !== 'string')
      throw new InjectSettingsError(`${f.name}: ConfigMap has no data.values`);
    return parseValuesText({ name: `${f.name} data.values`, text: data.values });
  }
  if (!isObj(doc)) throw new InjectSettingsError(`${f.name}: expected a map of injector values`);
  return doc;
}

export function kubeVersionAtLeast(version: string, major: number, minor: number): boolean {
  const m = version.match(/^v?(\d+)\.(\d+)/);
  if (!m) return true;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** What the istiod chart renders for these settings: the injector ConfigMap's values and the mesh ConfigMap's mesh. */
export function renderChart(
  bundle: InjectBundle,
  input: SettingsInput = {},
): { chart: JsonMap; injectorValues: JsonMap; mesh: JsonMap } {
  const { spec, profile } = operatorSpec(bundle, input);
  const chart = chartValues(bundle, spec, profile, releaseOf(bundle, input));
  return { chart, injectorValues: injectorValues(chart), mesh: renderChartMesh(bundle.meshTemplate, chart) };
}

export function buildSettings(bundle: InjectBundle, input: SettingsInput = {}): InjectSettings {
  const rendered = renderChart(bundle, input);
  const chart = rendered.chart;
  let config = injectorConfig(bundle, chart);
  let values = rendered.injectorValues;
  if (input.injectionConfig) {
    const cm = parseInjectorConfig(input.injectionConfig);
    config = cm.config;
    if (cm.values) values = cm.values;
  }
  if (input.values) values = parseValuesText(input.values);

  let mesh = applyMeshConfig(rendered.mesh);
  if (input.meshConfig) {
    const doc = findConfigMap(input.meshConfig, 'mesh') ?? parseYamlFile(input.meshConfig);
    if (isObj(doc) && doc.kind === 'ConfigMap') {
      // A mesh ConfigMap holds the whole mesh: it replaces the chart's, on Istio's defaults.
      const data = isObj(doc.data) ? doc.data : {};
      if (typeof data.mesh !== 'string')
        throw new InjectSettingsError(`${input.meshConfig.name}: ConfigMap has no data.mesh`);
      mesh = applyMeshConfig(parseYamlFile({ name: `${input.meshConfig.name} data.mesh`, text: data.mesh }));
    } else if (doc !== null && doc !== undefined) {
      if (!isObj(doc)) throw new InjectSettingsError(`${input.meshConfig.name}: expected a MeshConfig map`);
      mesh = applyMeshConfig(doc, mesh);
    }
  }

  const mode = input.nativeSidecars ?? 'auto';
  if (!['auto', 'true', 'false'].includes(mode))
    throw new InjectSettingsError(`--native-sidecars must be auto, true or false (got ${mode})`);
  const nativeSidecars =
    mode === 'auto'
      ? kubeVersionAtLeast(input.kubernetesVersion ?? DEFAULT_SETTINGS.kubernetesVersion, 1, 33)
      : mode === 'true';
  const global = isObj(values.global) ? values.global : {};
  const proxy = isObj(global.proxy) ? global.proxy : {};
  const proxyImage = imageURL(
    typeof global.hub === 'string' ? global.hub : '',
    typeof proxy.image === 'string' && proxy.image ? proxy.image : 'proxyv2',
    typeof global.tag === 'string' || typeof global.tag === 'number' ? String(global.tag) : '',
    '',
  );
  return {
    config,
    values,
    mesh,
    revision: toText(values.revision ?? ''),
    nativeSidecars,
    proxyImage,
    compliancePolicy: input.compliancePolicy ?? '',
  };
}
