// agent.ValidateMeshConfigProxyConfig: the checks istiod and the agent run on a mesh ProxyConfig
// (MeshConfig.defaultConfig, and a pod's proxy.istio.io/config merged onto it).
import { goQuote } from '../util/goQuote';
import { isObj, obj, str } from '../util/json';
import { validatePort, validateProxyAddress } from './agent';
import { Collector, isSet, type SpecPath } from './collect';
import { durationNanos, protoDurationError } from './durations';
import type { WebhookFinding } from './types';
import { applyProxyConfig, defaultProxyConfig } from '../mesh';

export function validateMeshProxyConfig(pc: Record<string, unknown>, at: SpecPath, c: Collector): void {
  const p = (...rest: (string | number)[]): SpecPath => [...at, ...rest];
  if (str(pc.configPath) === '') c.error('config path must be set', p('configPath'));
  if (str(pc.binaryPath) === '') c.error('binary path must be set', p('binaryPath'));
  if ('serviceCluster' in pc && isSet(pc.serviceCluster)) {
    if (str(pc.serviceCluster) === '') c.error('service cluster must be specified', p('serviceCluster'));
  } else if (!isSet(pc.tracingServiceName))
    c.error('oneof service cluster or tracing service name must be specified', at);
  const drain = protoDurationError(pc.drainDuration ?? '0s');
  if (drain) c.error(`invalid drain duration: ${drain}`, p('drainDuration'));
  else if ((durationNanos(pc.drainDuration) ?? 0n) % 1_000_000_000n !== 0n)
    c.error('drain time only supports durations to seconds precision', p('drainDuration'));
  const discovery = str(pc.discoveryAddress);
  if (discovery === '')
    c.error('discovery address must be set to the proxy discovery service', p('discoveryAddress'));
  else {
    const e = validateProxyAddress(discovery);
    if (e) c.error(`invalid discovery address: ${e}`, p('discoveryAddress'));
  }
  checkTracing(obj(pc.tracing), p('tracing'), c);
  const addresses: [string, SpecPath, string][] = [
    [str(pc.statsdUdpAddress), p('statsdUdpAddress'), 'invalid statsd udp address'],
    [
      str(pc.envoyMetricsServiceAddress),
      p('envoyMetricsServiceAddress'),
      'invalid envoy metrics service address',
    ],
    [
      str(obj(pc.envoyMetricsService).address),
      p('envoyMetricsService', 'address'),
      'invalid envoy metrics service address',
    ],
    [
      str(obj(pc.envoyAccessLogService).address),
      p('envoyAccessLogService', 'address'),
      'invalid envoy access log service address',
    ],
  ];
  for (const [addr, where, what] of addresses) {
    const e = addr === '' ? undefined : validateProxyAddress(addr);
    if (e) c.error(`${what} ${goQuote(addr)}: ${e}`, where);
  }
  const admin = validatePort(typeof pc.proxyAdminPort === 'number' ? pc.proxyAdminPort : 0);
  if (admin) c.error(`invalid proxy admin port: ${admin}`, p('proxyAdminPort'));
  const auth = str(pc.controlPlaneAuthPolicy) || 'NONE';
  if (auth !== 'NONE' && auth !== 'MUTUAL_TLS')
    c.error(
      `invalid authentication policy: unrecognized control plane auth policy ${goQuote(auth)}`,
      p('controlPlaneAuthPolicy'),
    );
  const status = validatePort(typeof pc.statusPort === 'number' ? pc.statusPort : 0);
  if (status) c.error(`invalid status port: ${status}`, p('statusPort'));
  if (isSet(pc.privateKeyProvider))
    checkPrivateKeyProvider(obj(pc.privateKeyProvider), p('privateKeyProvider'), c);
}

function checkTracing(t: Record<string, unknown>, at: SpecPath, c: Collector): void {
  if (isSet(t.lightstep)) {
    const ls = obj(t.lightstep);
    const lc = c.prefixed('invalid lightstep config: ');
    const addr = str(ls.address);
    if (addr === '') lc.error('address is required', [...at, 'lightstep']);
    const e = validateProxyAddress(addr);
    if (e) lc.error(`invalid lightstep address: ${e}`, [...at, 'lightstep', 'address']);
    if (str(ls.accessToken) === '') lc.error('access token is required', [...at, 'lightstep']);
  }
  for (const [field, name] of [
    ['zipkin', 'zipkin'],
    ['datadog', 'datadog'],
  ] as const) {
    if (!isSet(t[field])) continue;
    const e = validateProxyAddress(str(obj(t[field]).address).replace('$(HOST_IP)', '127.0.0.1'));
    if (e) c.error(`invalid ${name} config: ${e}`, [...at, field, 'address']);
  }
  if (isSet(t.tlsSettings)) {
    for (const e of clientTlsErrors(obj(t.tlsSettings)))
      c.error(`invalid tracing TLS config: ${e}`, [...at, 'tlsSettings']);
  }
  for (const [name, tag] of Object.entries(obj(t.customTags))) {
    if (!isSet(tag)) {
      c.error(`invalid tracing custom tags: encountered nil value for custom tag: ${name}`, [
        ...at,
        'customTags',
        name,
      ]);
      break;
    }
  }
}

/** agent.ValidateTLS on a ClientTLSSettings. */
function clientTlsErrors(s: Record<string, unknown>): string[] {
  const out: string[] = [];
  const mode = str(s.mode) || 'DISABLE';
  const has = (f: string): boolean => str(s[f]) !== '';
  const sans = isSet(s.subjectAltNames) && Array.isArray(s.subjectAltNames) && s.subjectAltNames.length > 0;
  if (s.insecureSkipVerify === true) {
    if (mode === 'SIMPLE' && (has('caCertificates') || has('credentialName') || sans))
      out.push(
        'cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true',
      );
    if (mode === 'MUTUAL' && (has('caCertificates') || sans))
      out.push('cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true');
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && has('credentialName')) {
    if (has('clientCertificate') || has('caCertificates') || has('privateKey') || has('caCrl'))
      out.push('cannot specify client certificates or CA certificate or CA CRL If credentialName is set');
    return out;
  }
  if (mode === 'MUTUAL') {
    if (!has('clientCertificate')) out.push('client certificate required for mutual tls');
    if (!has('privateKey')) out.push('private key required for mutual tls');
  }
  return out;
}

function checkPrivateKeyProvider(pkp: Record<string, unknown>, at: SpecPath, c: Collector): void {
  const pc = c.prefixed('invalid private key provider configuration: ');
  const provider = ['cryptomb', 'qat'].find((f) => isSet(pkp[f]));
  if (!provider) {
    pc.error('private key provider configuration is required', at);
    pc.error('unknown private key provider', at);
    return;
  }
  const conf = pkp[provider];
  if (!isObj(conf)) return pc.error(`${provider} configuration is required`, [...at, provider]);
  if (!isSet(conf.pollDelay)) pc.error('pollDelay is required', [...at, provider]);
  else if (durationNanos(conf.pollDelay) === 0n)
    pc.error('pollDelay must be non zero', [...at, provider, 'pollDelay']);
}

/**
 * Istio's errors for a pod's proxy.istio.io/config: the annotation is applied onto the mesh's
 * defaultConfig (here Istio's defaults) and the result must pass ValidateMeshConfigProxyConfig.
 */
export function proxyConfigAnnotationErrors(overlay: Record<string, unknown>): string[] {
  const out: WebhookFinding[] = [];
  validateMeshProxyConfig(
    applyProxyConfig(defaultProxyConfig(), overlay),
    [],
    new Collector(() => undefined, out),
  );
  return out.filter((f) => f.severity === 'error').map((f) => f.message);
}
