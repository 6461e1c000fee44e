// ValidateSidecar (pkg/config/validation/validation.go): workload selector, ingress listeners (port,
// bind, default endpoint, TLS, connection pool), egress listeners (ports, unix sockets, hosts),
// outbound traffic policy.
import { goQuote } from '../util/goQuote';
import { obj } from '../util/json';
import { splitHostPortError, validateFQDN } from './agent';
import { Check, type Path, bool, has, list, n, s } from './check';
import {
  checkAlphaWorkloadSelector,
  warnUnlabelledSelector,
  checkDestination,
  ipError,
  portError,
  portNameError,
  unixAddressError,
} from './common';
import { goAtoi } from './go';
import { validateNamespaceSlashHost } from './hosts';
import { ownNamespace } from './input';
import { isHTTP, isTLS, parseProtocol, protocolError } from './protocol';
import { checkServerTLS } from './servertls';
import { checkConnectionPool } from './trafficpolicy';
import type { KindValidator } from './types';

const UNIX = 'unix://';

export const validateSidecar: KindValidator = (input, out) => {
  const c = new Check(input, out);
  const spec = obj(input.spec);
  const at: Path = ['spec'];
  if (!checkAlphaWorkloadSelector(c, spec)) return;
  const ingress = list(spec.ingress);
  const egress = list(spec.egress);
  if (
    !ingress.length &&
    !egress.length &&
    !has(spec, 'outboundTrafficPolicy') &&
    !has(spec, 'inboundConnectionPool')
  )
    return c.error(at, 'sidecar: empty configuration provided');
  warnUnlabelledSelector(c, spec, 'sidecar');
  const ports = new Set<number>();
  ingress.forEach((raw, i) => checkIngress(c, raw, [...at, 'ingress', i], ports));
  checkConnectionPool(c, spec.inboundConnectionPool, [...at, 'inboundConnectionPool']);
  checkEgress(c, egress, [...at, 'egress']);
  checkOutboundTrafficPolicy(c, spec.outboundTrafficPolicy, [...at, 'outboundTrafficPolicy']);
};

function checkIngress(c: Check, raw: unknown, at: Path, ports: Set<number>): void {
  if (raw === null || raw === undefined) return c.error(at, 'sidecar: ingress may not be null');
  const ing = obj(raw);
  if (!has(ing, 'port')) return c.error(at, 'sidecar: port is required for ingress listeners');
  const port = obj(ing.port);
  const pp = [...at, 'port'];
  if (n(port.targetPort) > 0) c.error([...pp, 'targetPort'], 'targetPort has no impact on Sidecars');
  if (s(port.name) !== '') c.error([...pp, 'name'], portNameError(s(port.name)));
  c.error([...pp, 'protocol'], protocolError(s(port.protocol)));
  c.error([...pp, 'number'], portError(n(port.number)));
  const bind = s(ing.bind);
  if (bind !== '') c.error([...at, 'bind'], ipError(bind));
  if (ports.has(n(port.number)))
    c.error([...pp, 'number'], 'sidecar: ports on IP bound listeners must be unique');
  ports.add(n(port.number));
  const endpoint = s(ing.defaultEndpoint);
  if (endpoint !== '') checkDefaultEndpoint(c, endpoint, [...at, 'defaultEndpoint']);
  if (has(ing, 'tls')) {
    const tls = obj(ing.tls);
    const tp = [...at, 'tls'];
    if (list(tls.subjectAltNames).length)
      c.error(tp, 'sidecar: subjectAltNames is not supported in ingress tls');
    if (bool(tls.httpsRedirect)) c.error(tp, 'sidecar: httpsRedirect is not supported');
    if (s(tls.credentialName) !== '') c.error(tp, 'sidecar: credentialName is not currently supported');
    if (list(tls.credentialNames).length) c.error(tp, 'sidecar: credentialNames is not currently supported');
    if (list(tls.tlsCertificates).length) c.error(tp, 'sidecar: tls_certificates is not currently supported');
    const mode = s(tls.mode) || 'PASSTHROUGH';
    if (mode === 'ISTIO_MUTUAL' || mode === 'AUTO_PASSTHROUGH')
      c.error(tp, `configuration is invalid: cannot set mode to ${mode} in sidecar ingress tls`);
    if (!isTLS(parseProtocol(s(port.protocol))))
      c.error(tp, 'server cannot have TLS settings for non HTTPS/TLS ports');
    checkServerTLS(c, ing.tls, tp);
  }
  checkConnectionPool(c, ing.connectionPool, [...at, 'connectionPool']);
  if (has(obj(ing.connectionPool), 'http') && !isHTTP(parseProtocol(s(port.protocol))))
    c.warn(
      [...at, 'connectionPool', 'http'],
      `sidecar: HTTP connection pool settings are configured for port ${n(port.number)} (${goQuote(s(port.name))}) but its protocol is not HTTP (${s(port.protocol)}); only TCP settings will apply`,
    );
}

/** 127.0.0.1:port, 0.0.0.0:port, [::1]:port, [::]:port or unix://path */
function checkDefaultEndpoint(c: Check, endpoint: string, at: Path): void {
  if (endpoint.startsWith(UNIX)) return c.error(at, unixAddressError(endpoint.slice(UNIX.length)));
  const splitErr = splitHostPortError(endpoint);
  let host = '';
  let port = '';
  if (splitErr) c.error(at, splitErr);
  else {
    const colon = endpoint.lastIndexOf(':');
    host = endpoint.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    port = endpoint.slice(colon + 1);
  }
  if (host !== '' && !['127.0.0.1', '0.0.0.0', '::1', '::'].includes(host))
    c.error(
      at,
      'sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset',
    );
  const parsed = goAtoi(port);
  if ('error' in parsed)
    c.error(at, `sidecar: defaultEndpoint port (${port}) is not a number: ${parsed.error}`);
  else c.error(at, portError(parsed.value));
}

function checkEgress(c: Check, egress: unknown[], at: Path): void {
  const ports = new Set<number>();
  const uds = new Set<string>();
  let catchAll = false;
  egress.forEach((raw, i) => {
    const ep = [...at, i];
    if (raw === null || raw === undefined) return c.error(ep, 'egress listener may not be null');
    const e = obj(raw);
    if (!has(e, 'port')) {
      if (catchAll) return c.error(ep, 'sidecar: egress can have only one listener with empty port');
      if (i === egress.length - 1) catchAll = true;
      else
        c.error(ep, 'sidecar: the egress listener with empty port should be the last listener in the list');
    } else {
      const port = obj(e.port);
      const pp = [...ep, 'port'];
      if (n(port.targetPort) > 0) c.error([...pp, 'targetPort'], 'targetPort has no impact on Sidecars');
      const bind = s(e.bind);
      checkEgressPort(c, port, bind, s(e.captureMode) || 'DEFAULT', ep);
      if (n(port.number) === 0) {
        if (uds.has(bind))
          c.error([...ep, 'bind'], 'sidecar: unix domain socket values for listeners must be unique');
        uds.add(bind);
      } else {
        if (ports.has(n(port.number)))
          c.error([...pp, 'number'], 'sidecar: ports on IP bound listeners must be unique');
        ports.add(n(port.number));
      }
    }
    const hosts = list(e.hosts).map(s);
    if (hosts.length === 0) return c.error(ep, 'sidecar: egress listener must contain at least one host');
    const imports = egressImports(hosts, ownNamespace(c.input));
    hosts.forEach((h, k) => {
      const hp = [...ep, 'hosts', k];
      if (imports.duplicated.has(k)) c.warn(hp, `duplicated egress host: ${h}`);
      c.errors(hp, validateNamespaceSlashHost(h, false, false));
    });
    if (imports.allWithOthers)
      c.warn([...ep, 'hosts'], '`*/*` host select all resources, no other hosts can be added');
  });
}

function checkEgressPort(
  c: Check,
  port: Record<string, unknown>,
  bind: string,
  mode: string,
  at: Path,
): void {
  const pp = [...at, 'port'];
  if (s(port.name) !== '') c.error([...pp, 'name'], portNameError(s(port.name)));
  c.error([...pp, 'protocol'], protocolError(s(port.protocol)));
  if (n(port.number) === 0) {
    if (!bind.startsWith(UNIX))
      c.error([...at, 'bind'], 'sidecar: ports with 0 value must have a unix domain socket bind address');
    else c.error([...at, 'bind'], unixAddressError(bind.slice(UNIX.length)));
    if (mode !== 'DEFAULT' && mode !== 'NONE')
      c.error(
        [...at, 'captureMode'],
        'sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners',
      );
  } else {
    c.error([...pp, 'number'], portError(n(port.number)));
    if (bind !== '') c.error([...at, 'bind'], ipError(bind));
  }
}

function checkOutboundTrafficPolicy(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const tp = obj(raw);
  if (!has(tp, 'egressProxy')) return;
  const mode = s(tp.mode) || 'REGISTRY_ONLY';
  if (mode !== 'ALLOW_ANY')
    return c.error(at, 'sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode');
  const proxy = obj(tp.egressProxy);
  c.error([...at, 'egressProxy', 'host'], validateFQDN(s(proxy.host)));
  if (!has(proxy, 'port'))
    return c.error([...at, 'egressProxy'], 'sidecar: egress_proxy port must be non-nil');
  checkDestination(c, proxy, [...at, 'egressProxy']);
}

/**
 * How Istio reads one egress listener's `ns/host` imports for its warnings (`.` is `namespace`): the
 * indices of hosts another one already imports, and whether the mesh-wide import stands beside others.
 */
export function egressImports(
  hosts: readonly string[],
  namespace: string,
): { duplicated: Set<number>; allWithOthers: boolean } {
  const byNs = new Map<string, Set<string>>();
  const duplicated = new Set<number>();
  hosts.forEach((h, k) => {
    const slash = h.indexOf('/');
    // An exclusion (`~ns/...`) narrows an import rather than adding one.
    if (slash < 0 || (h.startsWith('~') && slash > 1)) return;
    const ns = h.slice(0, slash) === '.' ? namespace : h.slice(0, slash);
    const svc = h.slice(slash + 1);
    const seen = byNs.get(ns) ?? new Set<string>();
    byNs.set(ns, seen);
    if (svc !== '*' ? seen.has(svc) || seen.has('*') : seen.size !== 0) duplicated.add(k);
    seen.add(svc);
  });
  return { duplicated, allWithOthers: !!byNs.get('*')?.has('*') && byNs.size !== 1 };
}
