// Whether a Gateway API listener admits a route, as istiod decides it (pilot/pkg/config/kube/gateway,
// ReferenceAllowed): first the hostnames, the route's against the listener's, each side a wildcard when
// unset and matched both ways (host.Name.Matches); a match in a namespace the listener does not allow
// routes from is NotAllowedByListeners, no match at all NoMatchingListenerHostname; then the route kinds
// the listener takes. When every listener refuses, istiod reports one reason, NotAllowedByListeners before
// NoMatchingListenerHostname, with the messages of that reason joined.
import type { WorkspaceResource } from '../../analysis/analyzer';
import { GATEWAY_API } from '../../analysis/istio';
import { hostMatches } from '../../analysis/hosts';
import { goQuote } from '../../util/goQuote';
import { isPlaceholder } from '../../util/placeholder';
import { arr, obj, str, type Obj } from '../../util/json';

export type RefusalReason = 'NotAllowedByListeners' | 'NoMatchingListenerHostname';
export interface Refusal {
  reason: RefusalReason;
  message: string;
}

/** The route kinds with `hostnames`; the others match any listener hostname. */
const HOSTNAMED = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/**
 * Why the listener does not admit the route, or undefined when it does (or may: a namespace Selector, a
 * placeholder hostname). The kinds only on a Gateway of Istio's classes: other implementations support
 * other kinds.
 */
export function refusal(
  l: Obj,
  istio: boolean,
  route: WorkspaceResource,
  gatewayNs: string,
): Refusal | undefined {
  if (!hostnamesMatch(l, route))
    return {
      reason: 'NoMatchingListenerHostname',
      message: `no hostnames matched parent hostname ${goQuote(str(l.hostname))}`,
    };
  const allowed = obj(l.allowedRoutes);
  const from = str(obj(allowed.namespaces).from) || 'Same';
  if (from === 'Same' && route.ns !== gatewayNs)
    return notAllowed(`listener ${str(l.name)} admits routes of namespace ${gatewayNs} only`);
  const supported = istio ? supportedKinds(l) : undefined;
  if (!supported) return undefined;
  const listed = arr(allowed.kinds)
    .map(obj)
    .filter((k) => k.group == null || str(k.group) === GATEWAY_API)
    .map((k) => str(k.kind));
  const kinds = arr(allowed.kinds).length ? supported.filter((k) => listed.includes(k)) : supported;
  if (!kinds.includes(route.kind))
    return notAllowed(
      `listener ${str(l.name)} (${str(l.protocol)}) takes ${kinds.join(', ') || 'no route kind'}, not ${route.kind}`,
    );
  return undefined;
}

const notAllowed = (message: string): Refusal => ({ reason: 'NotAllowedByListeners', message });

/** Some route hostname (`*` when it has none) matches the listener's, or either side is unknown. */
function hostnamesMatch(l: Obj, route: WorkspaceResource): boolean {
  if (l.hostname == null) return true;
  const listener = str(l.hostname);
  const hosts = HOSTNAMED.has(route.kind) ? arr(obj(route.value.spec).hostnames).map(str) : [];
  const unknown = (h: string) => h === '' || isPlaceholder(h, { wordsAllowed: true });
  if (unknown(listener) || hosts.some(unknown)) return true;
  return (hosts.length ? hosts : ['*']).some((h) => hostMatches(listener, h));
}

/** The reason istiod reports for a parent every listener refuses, and the messages of that reason. */
export function reported(refusals: readonly Refusal[]): Refusal {
  const reason: RefusalReason = refusals.some((r) => r.reason === 'NotAllowedByListeners')
    ? 'NotAllowedByListeners'
    : 'NoMatchingListenerHostname';
  const messages = new Set(refusals.filter((r) => r.reason === reason).map((r) => r.message));
  return { reason, message: [...messages].join('; ') };
}

/**
 * The route kinds Istio's controller supports on a listener, by protocol (GenerateSupportedKinds): a TLS
 * listener takes TLSRoutes, and TCPRoutes too unless it passes TLS through (releases differ on TLSRoutes
 * there: either is taken). Other protocols (a waypoint's HBONE) are left alone.
 */
function supportedKinds(l: Obj): readonly string[] | undefined {
  switch (str(l.protocol)) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'TLS':
      return str(obj(l.tls).mode) === 'Passthrough' ? ['TLSRoute'] : ['TLSRoute', 'TCPRoute'];
  }
  return undefined;
}
