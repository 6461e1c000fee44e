// MeshConfig and ProxyConfig: Istio's built-in defaults (pkg/config/mesh DefaultMeshConfig), the
// chart's rendered `mesh`, user overlays, and the pod's proxy.istio.io/config annotation.
import { parse } from 'yaml';
import type { JsonMap } from './bundle';
import { compileTemplate, deepCopy, goJson, mergeOverwrite } from './gotemplate';

/** pkg/config/mesh DefaultProxyConfig(), JSON form. */
export const DEFAULT_PROXY_CONFIG: JsonMap = {
  configPath: './etc/istio/proxy',
  binaryPath: '/usr/local/bin/envoy',
  serviceCluster: 'istio-proxy',
  drainDuration: '45s',
  terminationDrainDuration: '5s',
  proxyAdminPort: 15000,
  controlPlaneAuthPolicy: 'MUTUAL_TLS',
  discoveryAddress: 'istiod.istio-system.svc:15012',
  tracing: { zipkin: { address: 'zipkin.istio-system:9411' } },
  statNameLength: 189,
  statusPort: 15020,
};

/** pkg/config/mesh DefaultMeshConfig(), JSON form (the fields injection reads). */
export function defaultMeshConfig(): JsonMap {
  return {
    enableTracing: true,
    accessLogFile: '',
    defaultConfig: deepCopy(DEFAULT_PROXY_CONFIG),
    rootNamespace: 'istio-system',
    trustDomain: 'cluster.local',
    enablePrometheusMerge: true,
    inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
  };
}

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merges a ProxyConfig overlay the way protobuf merge does: messages merge, lists and oneofs replace. */
export function mergeProxyConfig(base: JsonMap, overlay: unknown): JsonMap {
  if (!isMap(overlay)) return base;
  for (const [k, v] of Object.entries(overlay)) {
    if (k === 'tracing' || !isMap(v) || !isMap(base[k]))
      base[k] = deepCopy(v); // tracing is a oneof
    else mergeOverwrite(base[k], v);
  }
  return base;
}

/** Applies a MeshConfig overlay (mesh.ApplyMeshConfig): defaultConfig merges as a ProxyConfig. */
export function applyMeshOverlay(mesh: JsonMap, overlay: unknown): JsonMap {
  if (!isMap(overlay)) return mesh;
  for (const [k, v] of Object.entries(overlay)) {
    if (k === 'defaultConfig')
      mesh.defaultConfig = mergeProxyConfig(isMap(mesh.defaultConfig) ? mesh.defaultConfig : {}, v);
    else if (isMap(v) && isMap(mesh[k])) mergeOverwrite(mesh[k], v);
    else mesh[k] = deepCopy(v);
  }
  return mesh;
}

/** Renders the chart's `mesh` definition with the chart values, then merges `.Values.meshConfig` (as the chart does). */
export function renderChartMesh(meshTemplate: string, chartValues: JsonMap): JsonMap {
  const tpl = compileTemplate('mesh', meshTemplate, { fromYaml: (s) => parse(String(s ?? '')) ?? {} });
  const text = tpl.execute(
    { Values: chartValues, Release: { Namespace: 'istio-system', Name: 'istiod', Service: 'Helm' } },
    'mesh',
  );
  const rendered = (parse(text) ?? {}) as JsonMap;
  return mergeOverwrite(rendered, isMap(chartValues.meshConfig) ? chartValues.meshConfig : {});
}

// ProxyConfig fields in proto declaration order: protojson emits them in this order.
const PROXY_CONFIG_ORDER = [
  'configPath',
  'binaryPath',
  'serviceCluster',
  'drainDuration',
  'parentShutdownDuration',
  'discoveryAddress',
  'discoveryRefreshDelay',
  'zipkinAddress',
  'statsdUdpAddress',
  'envoyMetricsServiceAddress',
  'proxyAdminPort',
  'availabilityZone',
  'controlPlaneAuthPolicy',
  'customConfigFile',
  'statNameLength',
  'concurrency',
  'proxyBootstrapTemplatePath',
  'interceptionMode',
  'tracing',
  'sds',
  'envoyAccessLogService',
  'envoyMetricsService',
  'proxyMetadata',
  'runtimeValues',
  'statusPort',
  'extraStatTags',
  'gatewayTopology',
  'terminationDrainDuration',
  'meshId',
  'readinessProbe',
  'proxyStatsMatcher',
  'holdApplicationUntilProxyStarts',
  'caCertificatesPem',
  'image',
  'privateKeyProvider',
  'proxyHeaders',
  'fileFlushInterval',
  'fileFlushMinSizeKb',
  'tracingServiceName',
];
// cleanProxyConfig (pkg/kube/inject/template.go) drops these when equal to the defaults.
const CLEANED = [
  'configPath',
  'binaryPath',
  'controlPlaneAuthPolicy',
  'serviceCluster',
  'drainDuration',
  'terminationDrainDuration',
  'parentShutdownDuration',
  'discoveryAddress',
  'envoyMetricsService',
  'envoyAccessLogService',
  'tracing',
  'proxyAdminPort',
  'statNameLength',
  'statusPort',
  'concurrency',
];
// Proto3 zero values protojson omits (enums at 0 included); wrapper types (BoolValue...) are kept.
const ZERO_ENUMS: Record<string, string> = { interceptionMode: 'REDIRECT', controlPlaneAuthPolicy: 'NONE' };

/** protoToJSON(cleanProxyConfig(pc)): the non-default part of the proxy config, as istio-proxy receives it. */
export function proxyConfigJson(pc: JsonMap): string {
  const out: JsonMap = {};
  const keys = Object.keys(pc).sort((a, b) => rank(a) - rank(b));
  for (const k of keys) {
    const v = pc[k];
    if (v === undefined || v === null) continue;
    if (CLEANED.includes(k) && sameJson(v, DEFAULT_PROXY_CONFIG[k])) continue;
    if (k === 'proxyMetadata' && isMap(v) && !Object.keys(v).length) continue;
    if (ZERO_ENUMS[k] === v) continue;
    if (v === '' || (v === 0 && k !== 'holdApplicationUntilProxyStarts') || (Array.isArray(v) && !v.length))
      continue;
    out[k] = k === 'proxyMetadata' || k === 'runtimeValues' ? sortKeys(v) : v; // protojson sorts map keys
  }
  return goJson(out);
}

function rank(k: string): number {
  const i = PROXY_CONFIG_ORDER.indexOf(k);
  return i < 0 ? PROXY_CONFIG_ORDER.length : i;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}
