// validateTrafficPolicy and its parts (pkg/config/validation/validation.go, agent/validation.go):
// outlier detection, connection pool, load balancer (consistent hash, locality, zone-aware, warmup),
// client TLS, port-level settings, tunnel, PROXY protocol. Shared by DestinationRule and Sidecar.
import { obj } from '../util/json';
import { type Check, type Path, bool, has, list, n, s, wrapped } from './check';
import { checkDuration, durationError, ipError, percentError, portError } from './common';
import { durationNanos } from './durations';
import { checkLocalityLbSetting } from './locality';
import { validateFQDN } from './agent';

/** Istio's warning of failover without outlier detection in the policy it validates. */
const NO_OUTLIER = 'outlier detection policy must be provided for failover';
const MERGED =
  'harmless here: istiod merges this policy onto the enclosing one and keeps its outlierDetection';

/**
 * validateTrafficPolicy. `inheritsOutlier`: the policy is merged onto one with outlier detection (a
 * subset's onto its rule's, MergeTrafficPolicy), so its failover has it where Envoy applies it.
 */
export function checkTrafficPolicy(c: Check, raw: unknown, at: Path, inheritsOutlier = false): void {
  if (raw === undefined || raw === null) return;
  const p = obj(raw);
  const fields = [
    'outlierDetection',
    'connectionPool',
    'loadBalancer',
    'tls',
    'portLevelSettings',
    'tunnel',
    'proxyProtocol',
  ];
  if (!fields.some((f) => (f === 'portLevelSettings' ? list(p[f]).length > 0 : has(p, f))))
    return c.error(at, 'traffic policy must have at least one field');
  if (has(p, 'tunnel') && has(p, 'proxyProtocol'))
    return c.error(at, 'tunnel and proxyProtocol must not be set together');
  checkOutlierDetection(c, p.outlierDetection, [...at, 'outlierDetection']);
  checkConnectionPool(c, p.connectionPool, [...at, 'connectionPool']);
  const own = has(p, 'outlierDetection');
  const mark = c.reported;
  checkLoadBalancer(c, p.loadBalancer, own, [...at, 'loadBalancer']);
  if (inheritsOutlier) c.quietSince(mark, NO_OUTLIER, MERGED);
  checkClientTLS(c, p.tls, [...at, 'tls']);
  list(p.portLevelSettings).forEach((raw, i) => {
    const path = [...at, 'portLevelSettings', i];
    if (raw === null || raw === undefined) return c.error(path, 'traffic policy may not be null');
    const t = obj(raw);
    if (!has(t, 'port')) c.error(path, 'portTrafficPolicy must have valid port');
    if (!['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'].some((f) => has(t, f)))
      return c.error(path, 'port traffic policy must have at least one field');
    checkOutlierDetection(c, t.outlierDetection, [...path, 'outlierDetection']);
    checkConnectionPool(c, t.connectionPool, [...path, 'connectionPool']);
    const portMark = c.reported;
    checkLoadBalancer(c, t.loadBalancer, has(t, 'outlierDetection'), [...path, 'loadBalancer']);
    // Port-level settings override the policy's fields they set: the rest, outlier detection too, stays.
    if (own || inheritsOutlier) c.quietSince(portMark, NO_OUTLIER, MERGED);
    checkClientTLS(c, t.tls, [...path, 'tls']);
  });
  if (has(p, 'tunnel')) checkTunnel(c, obj(p.tunnel), [...at, 'tunnel']);
  if (has(p, 'proxyProtocol')) {
    const v: unknown = obj(p.proxyProtocol).version;
    const version = v === 'V2' ? 1 : v === 'V1' || v === undefined || v === null ? 0 : n(v);
    if (version !== 0 && version !== 1)
      c.error([...at, 'proxyProtocol'], `proxy protocol version is invalid: ${version}`);
  }
}

function checkTunnel(c: Check, t: Record<string, unknown>, at: Path): void {
  const protocol = s(t.protocol);
  if (protocol !== '' && protocol !== 'CONNECT' && protocol !== 'POST')
    c.error([...at, 'protocol'], 'tunnel protocol must be "CONNECT" or "POST"');
  const host = s(t.targetHost);
  const fqdnErr = validateFQDN(host);
  const ipErr = ipError(host);
  if (fqdnErr && ipErr)
    c.error(
      [...at, 'targetHost'],
      `tunnel target host must be valid FQDN or IP address: ${fqdnErr}; ${ipErr}`,
    );
  const portErr = portError(n(t.targetPort));
  if (portErr) c.error([...at, 'targetPort'], `tunnel target port is invalid: ${portErr}`);
}

export function checkOutlierDetection(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const o = obj(raw);
  checkDuration(c, o, 'baseEjectionTime', at);
  if (n(o.consecutiveErrors) !== 0)
    c.warn(
      [...at, 'consecutiveErrors'],
      'outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead',
    );
  if (!bool(o.splitExternalLocalOriginErrors) && (wrapped(o.consecutiveLocalOriginFailures) ?? 0) > 0)
    c.error(
      [...at, 'consecutiveLocalOriginFailures'],
      'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false',
    );
  checkDuration(c, o, 'interval', at);
  c.error([...at, 'maxEjectionPercent'], percentError(n(o.maxEjectionPercent)));
  c.error([...at, 'minHealthPercent'], percentError(n(o.minHealthPercent)));
}

export function checkConnectionPool(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const cp = obj(raw);
  if (!has(cp, 'http') && !has(cp, 'tcp')) return c.error(at, 'connection pool must have at least one field');
  if (has(cp, 'http')) {
    const h = obj(cp.http);
    const p = [...at, 'http'];
    const nonNegative: [string, string][] = [
      ['http1MaxPendingRequests', 'http1 max pending requests must be non-negative'],
      ['http2MaxRequests', 'http2 max requests must be non-negative'],
      ['maxRequestsPerConnection', 'max requests per connection must be non-negative'],
      ['maxRetries', 'max retries must be non-negative'],
    ];
    for (const [f, msg] of nonNegative) if (n(h[f]) < 0) c.error([...p, f], msg);
    checkDuration(c, h, 'idleTimeout', p);
    if (h.h2UpgradePolicy === 'UPGRADE' && bool(h.useClientProtocol))
      c.error(
        [...p, 'useClientProtocol'],
        'use client protocol must not be true when H2UpgradePolicy is UPGRADE',
      );
    if (n(h.maxConcurrentStreams) < 0)
      c.error([...p, 'maxConcurrentStreams'], 'max concurrent streams must be non-negative');
    if (has(h, 'http2KeepAlive')) {
      const ka = obj(h.http2KeepAlive);
      const kp = [...p, 'http2KeepAlive'];
      checkDuration(c, ka, 'time', kp);
      if (!has(ka, 'interval')) c.error(kp, 'http2 keepalive interval is required');
      else checkDuration(c, ka, 'interval', kp);
      if (!has(ka, 'timeout')) c.error(kp, 'http2 keepalive timeout is required');
      else checkDuration(c, ka, 'timeout', kp);
    }
  }
  if (has(cp, 'tcp')) {
    const t = obj(cp.tcp);
    const p = [...at, 'tcp'];
    if (n(t.maxConnections) < 0) c.error([...p, 'maxConnections'], 'max connections must be non-negative');
    checkDuration(c, t, 'connectTimeout', p);
    checkDuration(c, t, 'maxConnectionDuration', p);
    // An idle timeout of 0s disables it.
    const idle = durationNanos(t.idleTimeout);
    if (has(t, 'idleTimeout') && (idle === undefined || idle / 1_000_000n !== 0n))
      c.error([...p, 'idleTimeout'], durationError(t.idleTimeout));
    if (has(t, 'tcpKeepalive')) {
      const ka = obj(t.tcpKeepalive);
      checkDuration(c, ka, 'time', [...p, 'tcpKeepalive']);
      checkDuration(c, ka, 'interval', [...p, 'tcpKeepalive']);
    }
  }
}

function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let f = 3; f <= limit; f += 2) if (x % f === 0) return false;
  return true;
}

function checkLoadBalancer(c: Check, raw: unknown, hasOutlier: boolean, at: Path): void {
  if (raw === undefined || raw === null) return;
  const lb = obj(raw);
  if (has(lb, 'consistentHash')) {
    const ch = obj(lb.consistentHash);
    const p = [...at, 'consistentHash'];
    if (has(ch, 'httpCookie')) {
      const cookie = obj(ch.httpCookie);
      if (s(cookie.name) === '') c.error([...p, 'httpCookie'], 'name required for HttpCookie');
      list(cookie.attributes).forEach((a, i) => {
        if (s(obj(a).name) === '')
          c.error([...p, 'httpCookie', 'attributes', i], 'cookie attribute name cannot be empty');
      });
    }
    const ring = n(ch.minimumRingSize);
    if (ring !== 0)
      c.warn(
        [...p, 'minimumRingSize'],
        "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
      );
    if (ring !== 0 && (has(ch, 'ringHash') || has(ch, 'maglev')))
      c.error(p, 'only one of MinimumRingSize or Maglev/Ringhash can be specified');
    if (has(ch, 'maglev')) {
      const size = n(obj(ch.maglev).tableSize);
      const mp = [...p, 'maglev'];
      if (size === 0) c.error(mp, 'tableSize must be set for maglev');
      if (size >= 5000011) c.error(mp, 'tableSize must be less than 5000011 for maglev');
      if (!isPrime(size)) c.error(mp, 'tableSize must be a prime number for maglev');
    }
  }
  checkLocalityLbSetting(lb.localityLbSetting, hasOutlier, [...at.slice(1), 'localityLbSetting'], c.spec());
  checkZoneAwareLb(c, lb.zoneAwareLbSetting, hasOutlier, [...at, 'zoneAwareLbSetting']);
  if (has(lb, 'warmup')) {
    const w = obj(lb.warmup);
    const p = [...at, 'warmup'];
    if (!has(w, 'duration')) c.error(p, 'duration is required');
    else c.error([...p, 'duration'], durationError(w.duration));
    if ((wrapped(w.minimumPercent) ?? 0) > 100)
      c.error([...p, 'minimumPercent'], 'minimumPercent value should be less than or equal to 100');
    if (has(w, 'aggression') && (wrapped(w.aggression) ?? 0) < 1)
      c.error([...p, 'aggression'], 'aggression should be greater than or equal to 1');
  }
}

const TOPOLOGY_LABELS = [
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
];

/** The zone-aware load balancer: region-level failover only; zones and subzones are automatic. */
function checkZoneAwareLb(c: Check, raw: unknown, hasOutlier: boolean, at: Path): void {
  if (raw === undefined || raw === null) return;
  const lb = obj(raw);
  const failover = list(lb.failover);
  const priority = list(lb.failoverPriority).map(s);
  priority.forEach((label, i) => {
    if (TOPOLOGY_LABELS.includes(label))
      c.error(
        [...at, 'failoverPriority', i],
        `'failover_priority' for zone aware lb must not use topology label '${label}'; region- and zone-level routing are handled automatically`,
      );
  });
  if ((failover.length || priority.length) && !hasOutlier)
    c.warn(at, 'outlier detection policy must be provided for failover');
  failover.forEach((f, i) => {
    const { from, to } = { from: s(obj(f).from), to: s(obj(f).to) };
    const p = [...at, 'failover', i];
    if (from === to) c.error(p, 'zone aware lb failover settings must specify different regions');
    if (from.includes('/') || to.includes('/'))
      c.error(
        p,
        'zone aware lb failover only specifies region; zone and subzone failover are handled automatically',
      );
    if (from.includes('*') || to.includes('*'))
      c.error(p, "zone aware lb failover region should not contain '*' wildcard");
  });
}

/** agent.ValidateTLS (ClientTLSSettings). */
export function checkClientTLS(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const t = obj(raw);
  const mode = s(t.mode);
  const cred = s(t.credentialName);
  const ns = c.input.namespace;
  if (cred.startsWith('configmap://')) {
    const rest = cred.slice('configmap://'.length);
    const parts = rest.split('/');
    if (rest === '' || parts.length > 2 || parts.some((x) => x === ''))
      c.error(
        [...at, 'credentialName'],
        `invalid configmap:// credentialName: invalid resource name ${goQ(cred)}`,
      );
    // Without metadata.namespace it is the one the manifest is applied to: any may match.
    else if (parts.length === 2 && c.input.namespaceKnown && parts[0] !== ns)
      c.error(
        [...at, 'credentialName'],
        `invalid configmap:// credentialName: namespace must match the configuration namespace ${goQ(ns)}`,
      );
  }
  const sans = list(t.subjectAltNames).length > 0;
  if (bool(t.insecureSkipVerify)) {
    if (mode === 'SIMPLE' && (s(t.caCertificates) !== '' || cred !== '' || sans))
      c.error(
        at,
        'cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true',
      );
    if (mode === 'MUTUAL' && (s(t.caCertificates) !== '' || sans))
      c.error(at, 'cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true');
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && cred !== '') {
    if (['clientCertificate', 'caCertificates', 'privateKey', 'caCrl'].some((f) => s(t[f]) !== ''))
      c.error(at, 'cannot specify client certificates or CA certificate or CA CRL If credentialName is set');
    return;
  }
  if (mode === 'MUTUAL') {
    if (s(t.clientCertificate) === '') c.error(at, 'client certificate required for mutual tls');
    if (s(t.privateKey) === '') c.error(at, 'private key required for mutual tls');
  }
}

const goQ = (v: string): string => JSON.stringify(v);
