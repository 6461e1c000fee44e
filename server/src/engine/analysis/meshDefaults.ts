// Istio's default MeshConfig and how a user's MeshConfig YAML is applied onto it.
// Provenance: istio/istio pkg/config/mesh/mesh.go, DefaultMeshConfig() and DefaultProxyConfig()
// (master, Istio 1.32), written down as the JSON form of the proto (durations as strings).
// Merge semantics follow ApplyMeshConfig there: top-level fields are overridden, `defaultConfig`
// (ProxyConfig) and `defaultProviders` are merged, `extensionProviders` are merged by name and
// `trustDomainAliases` are unioned.

export function defaultProxyConfig(): Record<string, any> {
  return {
    configPath: './etc/istio/proxy',
    serviceCluster: 'istio-proxy',
    drainDuration: '45s',
    parentShutdownDuration: '60s',
    terminationDrainDuration: '5s',
    proxyAdminPort: 15000,
    concurrency: 2,
    controlPlaneAuthPolicy: 'MUTUAL_TLS',
    discoveryAddress: 'istiod.istio-system.svc:15012',
    tracing: { zipkin: { address: 'zipkin.istio-system:9411' } },
    binaryPath: '/usr/local/bin/envoy',
    statNameLength: 189,
    statusPort: 15020,
  };
}

export function defaultMeshConfig(): Record<string, any> {
  return {
    enableTracing: true,
    accessLogFile: '',
    accessLogEncoding: 'TEXT',
    accessLogFormat: '',
    enableEnvoyAccessLogService: false,
    protocolDetectionTimeout: '0s',
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    ingressClass: 'istio',
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    enableAutoMtls: true,
    outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    localityLbSetting: { enabled: true },
    certificates: [],
    defaultConfig: defaultProxyConfig(),
    rootNamespace: 'istio-system',
    proxyListenPort: 15001,
    connectTimeout: '10s',
    defaultServiceExportTo: ['*'],
    defaultVirtualServiceExportTo: ['*'],
    defaultDestinationRuleExportTo: ['*'],
    dnsRefreshRate: '60s',
    thriftConfig: {},
    serviceSettings: [],
    defaultProviders: {},
    extensionProviders: [
      { name: 'prometheus', prometheus: {} },
      { name: 'stackdriver', stackdriver: {} },
      { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
    ],
  };
}

const PROVIDER_KEYS = new Set(['name']);

/** Applies a MeshConfig overlay (parsed YAML) onto Istio's defaults. Never throws; non-objects are ignored. */
export function applyMeshConfig(
  overlay: unknown,
  base: Record<string, any> = defaultMeshConfig(),
): Record<string, any> {
  const out: Record<string, any> = { ...base };
  if (!isObject(overlay)) return out;
  for (const [k, v] of Object.entries(overlay)) {
    if (k === 'defaultConfig') out.defaultConfig = mergeProxyConfig(base.defaultConfig, v);
    else if (k === 'defaultProviders')
      out.defaultProviders = {
        ...(isObject(base.defaultProviders) ? base.defaultProviders : {}),
        ...(isObject(v) ? v : {}),
      };
    else if (k === 'extensionProviders') out.extensionProviders = mergeProviders(base.extensionProviders, v);
    else if (k === 'trustDomainAliases')
      out.trustDomainAliases = [
        ...new Set([...(Array.isArray(v) ? v : []), ...(base.trustDomainAliases ?? [])]),
      ].sort();
    else out[k] = v;
  }
  return out;
}

function mergeProxyConfig(base: unknown, v: unknown): Record<string, any> {
  const b = isObject(base) ? base : defaultProxyConfig();
  if (!isObject(v)) return { ...b };
  const out: Record<string, any> = { ...b, ...v };
  if (isObject(b.proxyMetadata) || isObject(v.proxyMetadata)) {
    out.proxyMetadata = {
      ...(isObject(b.proxyMetadata) ? b.proxyMetadata : {}),
      ...(isObject(v.proxyMetadata) ? v.proxyMetadata : {}),
    };
  }
  return out;
}

function mergeProviders(base: unknown, v: unknown): any[] {
  const out: any[] = (Array.isArray(base) ? base : []).map((p) => (isObject(p) ? { ...p } : p));
  for (const p of Array.isArray(v) ? v : []) {
    if (!isObject(p)) continue;
    const existing = out.find((e) => isObject(e) && e.name === p.name);
    if (!existing) {
      out.push(p);
      continue;
    }
    // Same name: the provider (the one non-name field) is replaced.
    for (const key of Object.keys(existing)) if (!PROVIDER_KEYS.has(key)) delete existing[key];
    Object.assign(existing, p);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, any> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
