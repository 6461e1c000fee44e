// proxy.istio.io/config: the value is YAML for a mesh ProxyConfig (istio.mesh.v1alpha1.ProxyConfig).
// Istio applies it with protojson (unknown fields and wrong types are errors) and then runs
// ValidateMeshConfigProxyConfig on the result; we check field names and value types, then run that
// validator on the annotation merged onto Istio's default ProxyConfig.
import { parse } from 'yaml';
import { port, protoDuration } from './parsers';
import { closest } from './did-you-mean';
import { toText } from '../util/json';
import { proxyConfigAnnotationErrors } from '../webhook/mesh-proxyconfig';

type FieldType =
  'string' | 'duration' | 'int' | 'uint' | 'bool' | 'object' | 'map' | 'list' | 'port' | readonly string[];

/** ProxyConfig's fields (JSON names) and their types; nested messages are checked as objects only. */
const FIELDS: Readonly<Record<string, FieldType>> = {
  configPath: 'string',
  binaryPath: 'string',
  serviceCluster: 'string',
  tracingServiceName: ['APP_LABEL_AND_NAMESPACE', 'CANONICAL_NAME_ONLY', 'CANONICAL_NAME_AND_NAMESPACE'],
  drainDuration: 'duration',
  parentShutdownDuration: 'duration',
  discoveryAddress: 'string',
  discoveryRefreshDelay: 'duration',
  zipkinAddress: 'string',
  statsdUdpAddress: 'string',
  envoyMetricsServiceAddress: 'string',
  proxyAdminPort: 'port',
  availabilityZone: 'string',
  controlPlaneAuthPolicy: ['NONE', 'MUTUAL_TLS', 'INHERIT'],
  customConfigFile: 'string',
  statNameLength: 'int',
  concurrency: 'int',
  proxyBootstrapTemplatePath: 'string',
  interceptionMode: ['REDIRECT', 'TPROXY', 'NONE'],
  tracing: 'object',
  sds: 'object',
  envoyAccessLogService: 'object',
  envoyMetricsService: 'object',
  proxyMetadata: 'map',
  runtimeValues: 'map',
  statusPort: 'port',
  extraStatTags: 'list',
  gatewayTopology: 'object',
  terminationDrainDuration: 'duration',
  meshId: 'string',
  readinessProbe: 'object',
  proxyStatsMatcher: 'object',
  holdApplicationUntilProxyStarts: 'bool',
  caCertificatesPem: 'list',
  image: 'object',
  privateKeyProvider: 'object',
  proxyHeaders: 'object',
  fileFlushInterval: 'duration',
  fileFlushMinSizeKb: 'uint',
  statsCompression: 'string',
};

export const PROXY_CONFIG_FIELDS = Object.keys(FIELDS);

const camel = (s: string): string => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The first problem with a proxy.istio.io/config value, or undefined. */
export function checkProxyConfig(text: string): string | undefined {
  let v: unknown;
  try {
    v = parse(text, { version: '1.2' });
  } catch (e) {
    return `failed to convert to apply proxy config: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v))
    return 'failed to convert to apply proxy config: the value must be a YAML mapping of ProxyConfig fields';
  for (const [rawKey, val] of Object.entries(v as Record<string, unknown>)) {
    const key = camel(rawKey);
    const type = FIELDS[key];
    if (!type) {
      const hint = closest(key, PROXY_CONFIG_FIELDS);
      return `unknown ProxyConfig field "${rawKey}"${hint.length ? ` (did you mean ${hint[0]}?)` : ''}`;
    }
    const e = checkField(type, val);
    if (e) return `ProxyConfig ${rawKey}: ${e}`;
  }
  const overlay = Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, x]) => [camel(k), x]),
  );
  const [invalid] = proxyConfigAnnotationErrors(overlay);
  return invalid === undefined
    ? undefined
    : `invalid proxy config (merged onto the mesh defaults): ${invalid}`;
}

function checkField(type: FieldType, val: unknown): string | undefined {
  if (val === null) return undefined;
  if (Array.isArray(type))
    return typeof val === 'string' && type.includes(val) ? undefined : `must be one of ${type.join(', ')}`;
  switch (type) {
    case 'string':
      return typeof val === 'string' ? undefined : 'must be a string';
    case 'duration':
      return typeof val === 'string' ? protoDuration(val) : 'must be a duration string such as 5s';
    case 'bool':
      return typeof val === 'boolean' ? undefined : 'must be true or false';
    case 'int':
      return Number.isInteger(val) && (val as number) >= 0 ? undefined : 'must be a non-negative integer';
    case 'uint':
      return Number.isInteger(val) && (val as number) >= 0 ? undefined : 'must be a non-negative integer';
    case 'port':
      return Number.isInteger(val) && (val as number) >= 1 && !port(toText(val))
        ? undefined
        : 'must be a port between 1 and 65535';
    case 'list':
      return Array.isArray(val) ? undefined : 'must be a list';
    case 'map':
      if (typeof val !== 'object' || Array.isArray(val)) return 'must be a mapping of strings';
      for (const [k, x] of Object.entries(val as Record<string, unknown>))
        if (typeof x !== 'string') return `${k} must be a string (quote it)`;
      return undefined;
    case 'object':
      return typeof val === 'object' && !Array.isArray(val) ? undefined : 'must be a mapping';
  }
  return undefined;
}
