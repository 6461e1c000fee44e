// How Istio layers configuration (istio/istio pkg/config/mesh/mesh.go):
// - applyProxyConfig: a ProxyConfig overlay (MeshConfig.defaultConfig, or a pod's proxy.istio.io/config)
//   replaces each field it sets as a whole (proxy.proto: "the field set in annotation will fully replace
//   the field from mesh config defaults"); only proxyMetadata is merged key by key (mergeMap).
// - applyMeshConfig (ApplyMeshConfig): top-level fields are overrides, defaultConfig is applied as above
//   onto the previous proxy config, defaultProviders fields are applied onto the previous ones,
//   extensionProviders replace a same-named provider or are appended, trustDomainAliases are unioned
//   and sorted.
import { defaultMeshConfig } from './defaults';
import type { JsonMap } from './json';
import { deepCopy, isMap, jsonName } from './json';
import { readMessage } from './proxyConfig';

/** Applies a ProxyConfig overlay (parsed YAML) onto `base`; returns a new object, `base` is not changed. */
export function applyProxyConfig(base: unknown, overlay: unknown): JsonMap {
  const out: JsonMap = isMap(base) ? deepCopy(base) : {};
  const o = readMessage(overlay);
  for (const [k, v] of Object.entries(o)) {
    if (k === 'proxyMetadata' && isMap(v)) out[k] = { ...(isMap(out[k]) ? out[k] : {}), ...v };
    else out[k] = deepCopy(v);
  }
  // serviceCluster and tracingServiceName are one oneof: setting one clears the other.
  if ('serviceCluster' in o) delete out.tracingServiceName;
  if ('tracingServiceName' in o) delete out.serviceCluster;
  return out;
}

/** ApplyMeshConfig: a MeshConfig overlay (parsed YAML) onto `base` (Istio's defaults unless given). Never throws. */
export function applyMeshConfig(overlay: unknown, base: JsonMap = defaultMeshConfig()): JsonMap {
  const out: JsonMap = deepCopy(base);
  if (!isMap(overlay)) return out;
  for (const [raw, v] of Object.entries(overlay)) {
    const k = jsonName(raw);
    if (v === null || v === undefined) continue;
    if (k === 'defaultConfig') out.defaultConfig = applyProxyConfig(base.defaultConfig, v);
    else if (k === 'defaultProviders')
      out.defaultProviders = {
        ...(isMap(base.defaultProviders) ? base.defaultProviders : {}),
        ...(isMap(v) ? v : {}),
      };
    else if (k === 'extensionProviders') out.extensionProviders = mergeProviders(base.extensionProviders, v);
    else if (k === 'trustDomainAliases') out.trustDomainAliases = unionSorted(v, base.trustDomainAliases);
    else out[k] = deepCopy(v);
  }
  return out;
}

function unionSorted(a: unknown, b: unknown): string[] {
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return [...new Set([...strings(a), ...strings(b)])].sort();
}

function mergeProviders(base: unknown, v: unknown): unknown[] {
  const out: unknown[] = (Array.isArray(base) ? (base as unknown[]) : []).map(deepCopy);
  for (const p of Array.isArray(v) ? (v as unknown[]) : []) {
    if (!isMap(p)) continue;
    const i = out.findIndex((e) => isMap(e) && e.name === p.name);
    // Same name: the provider (the one non-name field) is replaced, the entry keeps its place.
    if (i >= 0) out[i] = deepCopy(p);
    else out.push(deepCopy(p));
  }
  return out;
}
