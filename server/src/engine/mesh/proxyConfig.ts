// istio.mesh.v1alpha1.ProxyConfig as protobuf's JSON codec sees it (istio/api mesh/v1alpha1/proxy.proto):
// fields in declaration order (a oneof's member where the oneof is declared), each with the kind that
// decides how protojson reads and writes it. Reading accepts proto names (snake_case) as JSON names do;
// writing omits proto3 zero values, keeps set wrappers (`"concurrency":0`) and set oneof members, sorts
// map keys, and writes durations in seconds.
import type { JsonMap } from './json';
import { isMap, jsonName } from './json';

type Scalar =
  | 'scalar' // string, number or bool: omitted when zero
  | 'wrapper' // google.protobuf.*Value: kept whenever set
  | 'int64wrapper' // google.protobuf.Int64Value: kept whenever set, written as a string
  | 'duration'
  | 'oneof' // a scalar oneof member: kept whenever set
  | 'list'
  | 'map'; // map<string, string>
const SCALARS: ReadonlySet<string> = new Set<Scalar>([
  'scalar',
  'wrapper',
  'int64wrapper',
  'duration',
  'oneof',
  'list',
  'map',
]);
/** A message field: its type's name, capitalized as in the .proto (one not in TYPES is kept as written). */
type MessageName = `${Uppercase<string>}${string}`;
type Kind = Scalar | MessageName | { enumZero: string } | { mapOf: string }; // mapOf: map<string, Message>
const isMessage = (kind: Kind): kind is MessageName => typeof kind === 'string' && !SCALARS.has(kind);

/** A message's fields by JSON name, in declaration order. */
type MessageType = Record<string, Kind>;

const TLS: MessageType = {
  mode: { enumZero: 'DISABLE' },
  clientCertificate: 'scalar',
  privateKey: 'scalar',
  caCertificates: 'scalar',
  credentialName: 'scalar',
  subjectAltNames: 'list',
  sni: 'scalar',
  insecureSkipVerify: 'wrapper',
  caCrl: 'scalar',
};

const TYPES: Record<string, MessageType> = {
  ProxyConfig: {
    configPath: 'scalar',
    binaryPath: 'scalar',
    serviceCluster: 'oneof',
    tracingServiceName: 'oneof',
    drainDuration: 'duration',
    parentShutdownDuration: 'duration',
    discoveryAddress: 'scalar',
    discoveryRefreshDelay: 'duration',
    zipkinAddress: 'scalar',
    statsdUdpAddress: 'scalar',
    envoyMetricsServiceAddress: 'scalar',
    proxyAdminPort: 'scalar',
    availabilityZone: 'scalar',
    controlPlaneAuthPolicy: { enumZero: 'NONE' },
    customConfigFile: 'scalar',
    statNameLength: 'scalar',
    concurrency: 'wrapper',
    proxyBootstrapTemplatePath: 'scalar',
    interceptionMode: { enumZero: 'REDIRECT' },
    tracing: 'Tracing',
    sds: 'SDS',
    envoyAccessLogService: 'RemoteService',
    envoyMetricsService: 'RemoteService',
    proxyMetadata: 'map',
    runtimeValues: 'map',
    statusPort: 'scalar',
    extraStatTags: 'list',
    gatewayTopology: 'Topology',
    terminationDrainDuration: 'duration',
    meshId: 'scalar',
    readinessProbe: 'ReadinessProbe',
    proxyStatsMatcher: 'ProxyStatsMatcher',
    holdApplicationUntilProxyStarts: 'wrapper',
    caCertificatesPem: 'list',
    image: 'ProxyImage',
    privateKeyProvider: 'PrivateKeyProvider',
    proxyHeaders: 'ProxyHeaders',
    fileFlushInterval: 'duration',
    fileFlushMinSizeKb: 'scalar',
    statsCompression: 'scalar',
  },
  Tracing: {
    zipkin: 'Address',
    lightstep: 'Lightstep',
    datadog: 'Address',
    stackdriver: 'Stackdriver',
    openCensusAgent: 'OpenCensusAgent',
    customTags: { mapOf: 'CustomTag' },
    maxPathTagLength: 'scalar',
    sampling: 'scalar',
    tlsSettings: 'ClientTLSSettings',
  },
  Address: { address: 'scalar' },
  Lightstep: { address: 'scalar', accessToken: 'scalar' },
  Stackdriver: {
    debug: 'scalar',
    maxNumberOfAttributes: 'int64wrapper',
    maxNumberOfAnnotations: 'int64wrapper',
    maxNumberOfMessageEvents: 'int64wrapper',
  },
  OpenCensusAgent: { address: 'scalar', context: 'list' },
  CustomTag: {
    literal: 'Literal',
    environment: 'NamedDefault',
    header: 'NamedDefault',
  },
  Literal: { value: 'scalar' },
  NamedDefault: { name: 'scalar', defaultValue: 'scalar' },
  SDS: { enabled: 'scalar', k8sSaJwtPath: 'scalar' },
  RemoteService: {
    address: 'scalar',
    tlsSettings: 'ClientTLSSettings',
    tcpKeepalive: 'TcpKeepalive',
  },
  ClientTLSSettings: TLS,
  TcpKeepalive: { probes: 'scalar', time: 'duration', interval: 'duration' },
  Topology: {
    numTrustedProxies: 'scalar',
    forwardClientCertDetails: { enumZero: 'UNDEFINED' },
    proxyProtocol: 'ProxyProtocol',
  },
  ProxyStatsMatcher: { inclusionPrefixes: 'list', inclusionSuffixes: 'list', inclusionRegexps: 'list' },
  ProxyImage: { imageType: 'scalar' },
};

/** ProxyConfig's JSON field names, in declaration order. */
export const PROXY_CONFIG_FIELDS: readonly string[] = Object.keys(TYPES.ProxyConfig);

function fieldsOf(type: string): Map<string, Kind> | undefined {
  const t = TYPES[type];
  return t ? new Map(Object.entries(t)) : undefined;
}

/**
 * Reads a message the way protojson does: proto names become JSON names, map keys stay as written,
 * and fields the message does not have are dropped (Istio retries with AllowUnknownFields).
 * A message type we do not describe keeps its content as written.
 */
export function readMessage(v: unknown, type = 'ProxyConfig'): JsonMap {
  if (!isMap(v)) return {};
  const fields = fieldsOf(type);
  if (!fields) return camelKeys(v);
  const out: JsonMap = {};
  for (const [raw, x] of Object.entries(v)) {
    const k = jsonName(raw);
    const kind = fields.get(k);
    if (kind === undefined || x === null || x === undefined) continue;
    out[k] = readValue(kind, x);
  }
  return out;
}

function readValue(kind: Kind, x: unknown): unknown {
  // map<string, string>: scalars written unquoted in YAML (`A: 1`) are their text.
  if (kind === 'map' && isMap(x))
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, scalarText(v)]));
  if (isMessage(kind)) return readMessage(x, kind);
  if (typeof kind === 'string') return x;
  if ('mapOf' in kind)
    return isMap(x)
      ? Object.fromEntries(Object.entries(x).map(([k, m]) => [k, readMessage(m, kind.mapOf)]))
      : x;
  return x;
}

function scalarText(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return v === null ? '' : v;
}

function camelKeys(v: unknown): JsonMap {
  if (!isMap(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [jsonName(k), isMap(x) ? camelKeys(x) : x]));
}

/** Writes a message as protojson: declaration order, zero values omitted, map keys sorted. */
export function writeMessage(v: JsonMap, type = 'ProxyConfig'): JsonMap {
  const fields = TYPES[type];
  if (!fields) return v;
  const out: JsonMap = {};
  for (const [k, kind] of Object.entries(fields)) {
    const x = v[k];
    if (x === undefined || x === null) continue;
    const w = writeValue(kind, x);
    if (w !== undefined) out[k] = w;
  }
  return out;
}

function isZero(x: unknown): boolean {
  return (
    x === '' ||
    x === 0 ||
    x === false ||
    (Array.isArray(x) && !x.length) ||
    (isMap(x) && !Object.keys(x).length)
  );
}

function sortedMap(x: JsonMap, each: (v: unknown) => unknown): JsonMap | undefined {
  const keys = Object.keys(x).sort();
  return keys.length ? Object.fromEntries(keys.map((k) => [k, each(x[k])])) : undefined;
}

function writeValue(kind: Kind, x: unknown): unknown {
  if (kind === 'wrapper' || kind === 'oneof') return x;
  if (kind === 'int64wrapper') return typeof x === 'number' ? String(x) : x;
  if (kind === 'duration') return protoDuration(x);
  if (kind === 'scalar' || kind === 'list') return isZero(x) ? undefined : x;
  if (kind === 'map') return isMap(x) ? sortedMap(x, (s) => s) : undefined;
  if (isMessage(kind)) return isMap(x) ? writeMessage(x, kind) : x;
  if ('enumZero' in kind) return x === kind.enumZero || x === 0 ? undefined : x;
  return isMap(x) ? sortedMap(x, (m) => (isMap(m) ? writeMessage(m, kind.mapOf) : m)) : undefined;
}

/** google.protobuf.Duration in JSON: seconds with 0, 3, 6 or 9 fractional digits ("1.500s"). */
export function protoDuration(x: unknown): unknown {
  if (typeof x !== 'string') return x;
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(x.trim());
  if (!m) return x;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const secs = String(Number(m[2]));
  if (!frac) return `${m[1]}${secs}s`;
  const width = frac.length <= 3 ? 3 : frac.length <= 6 ? 6 : 9;
  return `${m[1]}${secs}.${frac.padEnd(width, '0')}s`;
}
