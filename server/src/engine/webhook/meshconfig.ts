// Istio's mesh-level validators (pkg/config/validation/agent): ValidateMeshConfig,
// ValidateMeshConfigProxyConfig and ValidateMeshNetworks, on a decoded MeshConfig / MeshNetworks
// value. Used for the istio ConfigMap's `mesh`, the file `istioLens.meshConfig` points at, and tests.
import type { Node } from 'yaml';
import { goQuote } from '../util/goQuote';
import { arr, obj, str } from '../util/json';
import {
  goDurationString,
  isDNS1123Label,
  validateFQDN,
  validateIPAddress,
  validateIPSubnet,
  validatePort,
  validateTrustDomain,
  validateWildcardDomain,
} from './agent';
import { Collector, isSet, type SpecPath } from './collect';
import { durationNanos, protoDurationError } from './durations';
import { checkLocalityLbSetting } from './locality';
import { validateMeshProxyConfig } from './mesh-proxyconfig';
import type { WebhookFinding } from './types';

/** Finds the YAML node at a path from the validated value's root (undefined when absent). */
export type NodeLookup = (path: SpecPath) => Node | undefined;

const MS = 1_000_000n;
const HOUR = 3_600_000_000_000n;
const VALID_ECDH_CURVES = new Set([
  'P-224',
  'P-256',
  'P-521',
  'P-384',
  'X25519',
  'X25519Kyber768Draft00',
  'X25519MLKEM768',
]);
/** Envoy's retry-on policies Istio accepts, besides HTTP status codes. */
const RETRY_ON = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);
/** The status codes Go's http.StatusText names. */
const HTTP_STATUS = /^(10[0-3]|20[0-8]|226|30[0-8]|4(0\d|1[0-8]|2[1-689]|31|51)|50[0-8]|51[01])$/;

/** strconv.Atoi then http.StatusText: a number naming a known HTTP status. */
const isHttpStatus = (p: string): boolean => /^[+-]?\d+$/.test(p) && HTTP_STATUS.test(String(Number(p)));

/** ValidateMeshConfig: the whole mesh config, as is (Istio's defaults are not merged first). */
export function validateMeshConfig(mesh: unknown, nodeAt: NodeLookup, out: WebhookFinding[]): void {
  const m = obj(mesh);
  const c = new Collector(nodeAt, out);
  const listen = validatePort(typeof m.proxyListenPort === 'number' ? m.proxyListenPort : 0);
  if (listen) c.error(`invalid proxy listen port: ${listen}`, ['proxyListenPort']);
  const connect = connectTimeoutError(m.connectTimeout);
  if (connect) c.error(`invalid connect timeout: ${connect}`, ['connectTimeout']);
  const detection = durationNanos(m.protocolDetectionTimeout) ?? 0n;
  if (detection !== 0n && detection % MS !== 0n)
    c.error('invalid protocol detection timeout: only durations to ms precision are supported', [
      'protocolDetectionTimeout',
    ]);
  if (!isSet(m.defaultConfig)) c.error('missing default config', []);
  else validateMeshProxyConfig(obj(m.defaultConfig), ['defaultConfig'], c);
  checkLocalityLbSetting(m.localityLbSetting, true, ['localityLbSetting'], c);
  arr(m.serviceSettings).forEach((s, i) => {
    for (const h of arr(obj(s).hosts).map(str)) {
      const e = validateWildcardDomain(h);
      if (e) c.error(`serviceSettings[${i}], host \`${h}\`: ${e}`, ['serviceSettings', i, 'hosts']);
    }
  });
  const td = validateTrustDomain(str(m.trustDomain));
  if (td) c.error(`trustDomain: ${td}`, ['trustDomain']);
  arr(m.trustDomainAliases).forEach((a, i) => {
    const e = validateTrustDomain(str(a));
    if (e) c.error(`trustDomainAliases[${i}], domain \`${str(a)}\` : ${e}`, ['trustDomainAliases', i]);
  });
  // Invalid extension providers are only logged by istiod ("can be ignored if ... not used").
  if (arr(obj(m.meshMTLS).ecdhCurves).length)
    c.error('mesh TLS does not support ECDH curves configuration', ['meshMTLS', 'ecdhCurves']);
  checkTlsDefaults(obj(m.tlsDefaults), c);
  if (isSet(m.defaultInboundHttpRetryPolicy)) checkInboundRetry(obj(m.defaultInboundHttpRetryPolicy), c);
}

/** ValidateMeshConfigProxyConfig on MeshConfig.defaultConfig alone (what istiod and the agent check). */
export function validateMeshConfigProxyConfig(
  mesh: unknown,
  nodeAt: NodeLookup,
  out: WebhookFinding[],
): void {
  validateMeshProxyConfig(obj(obj(mesh).defaultConfig), ['defaultConfig'], new Collector(nodeAt, out));
}

/** ValidateMeshNetworks: every network's endpoints and gateways. */
export function validateMeshNetworks(networks: unknown, nodeAt: NodeLookup, out: WebhookFinding[]): void {
  const c = new Collector(nodeAt, out);
  for (const [name, network] of Object.entries(obj(obj(networks).networks))) {
    const at: SpecPath = ['networks', name];
    let errs: [string, SpecPath][] = [];
    arr(obj(network).endpoints).forEach((e, i) => {
      const ep = obj(e);
      if (isSet(ep.fromCidr)) {
        const bad = validateIPSubnet(str(ep.fromCidr));
        if (bad) errs.push([bad, [...at, 'endpoints', i, 'fromCidr']]);
      } else if (isSet(ep.fromRegistry) && !isDNS1123Label(str(ep.fromRegistry)))
        errs.push([
          `invalid registry name: ${str(ep.fromRegistry)}`,
          [...at, 'endpoints', i, 'fromRegistry'],
        ]);
    });
    arr(obj(network).gateways).forEach((g, i) => {
      const gw = obj(g);
      const where = [...at, 'gateways', i];
      if (isSet(gw.registryServiceName)) {
        const bad = validateFQDN(str(gw.registryServiceName));
        if (bad) errs.push([bad, [...where, 'registryServiceName']]);
      } else if (isSet(gw.address)) {
        const addr = str(gw.address);
        // Istio replaces (not appends to) the network's errors here; the report keeps that.
        if (validateIPAddress(addr) && validateFQDN(addr))
          errs = [[`${addr} is not a valid IP address or DNS name`, [...where, 'address']]];
      }
      const port = validatePort(typeof gw.port === 'number' ? gw.port : 0);
      if (port) errs.push([port, [...where, 'port']]);
    });
    for (const [msg, path] of errs) c.error(`invalid network ${name}: ${msg}`, path);
  }
}

/** ValidateConnectTimeout: a duration of at least 1ms, at most 1h. */
function connectTimeoutError(v: unknown): string | undefined {
  const basic = protoDurationError(v ?? '0s');
  if (basic) return basic;
  const n = durationNanos(v ?? '0s');
  if (n === undefined) return undefined; // not a protojson duration: a decode error, not this check's
  if (n > HOUR || n < MS) return `time ${goDurationString(n)} must be >1ms and <1h0m0s`;
  return undefined;
}

/** ValidateMeshTLSDefaults: unknown and duplicate ECDH curves are warnings (Go prints sorted lists). */
function checkTlsDefaults(tls: Record<string, unknown>, c: Collector): void {
  const unknown = new Set<string>(),
    valid = new Set<string>(),
    dup = new Set<string>();
  for (const cs of arr(tls.ecdhCurves).map(str)) {
    if (cs !== '' && !VALID_ECDH_CURVES.has(cs)) unknown.add(cs);
    else if (valid.has(cs)) dup.add(cs);
    else valid.add(cs);
  }
  const list = (s: Set<string>): string => `[${[...s].sort().join(' ')}]`;
  if (unknown.size)
    c.warning(`detected unrecognized ECDH curves: ${list(unknown)}`, ['tlsDefaults', 'ecdhCurves']);
  if (dup.size) c.warning(`detected duplicate ECDH curves: ${list(dup)}`, ['tlsDefaults', 'ecdhCurves']);
}

/** The default inbound retry policy: an HTTP retry policy whose perTryTimeout Envoy ignores. */
function checkInboundRetry(r: Record<string, unknown>, c: Collector): void {
  const rc = c.prefixed('invalid default inbound http retry policy: ');
  const at = ['defaultInboundHttpRetryPolicy'];
  const attempts = typeof r.attempts === 'number' ? r.attempts : 0;
  if (attempts < 0) rc.error('attempts cannot be negative', [...at, 'attempts']);
  if (attempts === 0 && (isSet(r.perTryTimeout) || str(r.retryOn) !== '' || isSet(r.retryRemoteLocalities)))
    rc.error('http retry policy configured when attempts are set to 0 (disabled)', at);
  for (const f of ['perTryTimeout', 'backoff']) {
    const e = isSet(r[f]) ? protoDurationError(r[f]) : undefined;
    if (e) rc.error(e, [...at, f]);
  }
  const retryOn = str(r.retryOn);
  if (retryOn !== '')
    for (const policy of retryOn.split(','))
      if (!isHttpStatus(policy) && !RETRY_ON.has(policy))
        rc.error(`${goQuote(policy)} is not a valid retryOn policy`, [...at, 'retryOn']);
  if (isSet(r.perTryTimeout))
    c.warning('perTryTimeout is ignored by the default inbound http retry policy', [...at, 'perTryTimeout']);
}

/** Istio's errors for a whole mesh config (no positions): e.g. the istioLens.meshConfig overlay merged onto the defaults. */
export function meshConfigErrors(mesh: unknown): string[] {
  const out: WebhookFinding[] = [];
  validateMeshConfig(mesh, () => undefined, out);
  return out.filter((f) => f.severity === 'error').map((f) => f.message);
}
