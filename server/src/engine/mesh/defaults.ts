// Istio's built-in MeshConfig and ProxyConfig defaults, as protojson writes them (durations as
// strings, wrappers as plain values). Facts from istio/istio pkg/config/mesh/mesh.go,
// DefaultProxyConfig() and DefaultMeshConfig() at the Istio commit of the injection bundle
// (third_party/upstream/istio, 86c9f01fd735, 1.32): the zipkin tracer, `concurrency: 2` and
// `parentShutdownDuration` are no longer defaults there. test/mesh/defaults.test.ts checks this
// table against third_party/upstream/istio/mesh/defaults.json and that file's commit against the bundle's.
import type { JsonMap } from './json';
import { deepCopy } from './json';

const PROXY_CONFIG: JsonMap = {
  configPath: './etc/istio/proxy',
  serviceCluster: 'istio-proxy',
  drainDuration: '45s',
  terminationDrainDuration: '5s',
  proxyAdminPort: 15000,
  controlPlaneAuthPolicy: 'MUTUAL_TLS',
  discoveryAddress: 'istiod.istio-system.svc:15012',
  binaryPath: '/usr/local/bin/envoy',
  statNameLength: 189,
  statusPort: 15020,
};

const MESH_CONFIG: JsonMap = {
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
  inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
  localityLbSetting: { enabled: true },
  certificates: [],
  rootNamespace: 'istio-system',
  proxyListenPort: 15001,
  proxyInboundListenPort: 15006,
  connectTimeout: '10s',
  defaultServiceExportTo: ['*'],
  defaultVirtualServiceExportTo: ['*'],
  defaultDestinationRuleExportTo: ['*'],
  dnsRefreshRate: '60s',
  serviceSettings: [],
  enablePrometheusMerge: true,
  defaultProviders: {},
  extensionProviders: [
    { name: 'prometheus', prometheus: {} },
    { name: 'stackdriver', stackdriver: {} },
    { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
  ],
};

/** DefaultProxyConfig(): a fresh copy the caller may change. */
export function defaultProxyConfig(): JsonMap {
  return deepCopy(PROXY_CONFIG);
}

/** DefaultMeshConfig(): a fresh copy the caller may change; `defaultConfig` is DefaultProxyConfig(). */
export function defaultMeshConfig(): JsonMap {
  return { ...deepCopy(MESH_CONFIG), defaultConfig: defaultProxyConfig() };
}
