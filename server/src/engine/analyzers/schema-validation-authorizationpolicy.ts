// schema.ValidationAnalyzer.AuthorizationPolicy: Istio's webhook warns of a DENY rule that uses only HTTP
// attributes, because on a TCP port, where they cannot be read, it denies every connection (IST0133,
// reported by the per-file rule). Whether any TCP port is in the policy's scope depends on the workloads
// it selects, which only the workspace shows.
//
// Difference from istioctl (deliberate): when every workload the policy's selector matches serves only
// HTTP, the warning is information, saying so. Serving only HTTP: a gateway whose Gateways (those of the
// workspace that select it) have only HTTP servers (HTTP, HTTP2, gRPC, or HTTPS terminated at the
// gateway); any other workload whose Services all have only HTTP ports. A policy without a selector, a
// selector matching no workload of the workspace, or any workload that may take TCP keeps the warning.
// A policy attached with targetRef(s) (ambient, Gateway API) has for scope what it targets, each of which
// must serve only HTTP: a Service or ServiceEntry of its namespace by its ports; a Gateway API Gateway by
// its listeners (HTTP, or HTTPS, which a Gateway API listener always terminates); a waypoint (class
// istio-waypoint, or an HBONE listener, for services) by the Services bound to it with the
// istio.io/use-waypoint label, their own or, without one, their Namespace manifest's. A target the
// workspace lacks, a waypoint for workloads, one no Service is bound to, or one a label binds from another
// namespace (istio.io/use-waypoint-namespace) keeps the warning.
import type { AnalysisContext, Analyzer, WorkloadPod, WorkspaceResource } from '../analysis/analyzer';
import { GATEWAY_API, SECURITY, NETWORKING, fullName } from '../analysis/istio';
import { labelSelectorMatches, selectorMatches, stringRecord } from '../analysis/labels';
import { convertProtocol } from '../analysis/protocol';
import { DENIES_ALL_TCP, deniesAllTcp } from '../webhook/authorizationpolicy';
import { isHTTP, parseProtocol } from '../webhook/protocol';
import { isPassthroughMode, serverTLSMode } from '../webhook/servertls';
import { isSet } from '../webhook/collect';
import { arr, num, obj, str, type Obj } from '../util/json';
import { rootNamespaceOf } from '../mesh';
import { gatewaySelector } from './gateway-util';
import { namespaceManifest } from './util/mesh-membership';
import { policyTargetRefs } from './util/target-refs';
import { USE_WAYPOINT, USE_WAYPOINT_NAMESPACE, isGatewayService } from './util/waypoint';

export const authorizationPolicyValidationAnalyzer: Analyzer = {
  meta: {
    name: 'schema.ValidationAnalyzer.AuthorizationPolicy',
    description: "Runs schema validation as an analyzer on 'AuthorizationPolicy' resources",
    codes: ['IST0133'],
    inputs: ['AuthorizationPolicy', 'Gateway', 'Service', 'ServiceEntry', 'Namespace', 'Pod'],
    inAll: true,
  },
  analyze(ctx) {
    const root = rootNamespaceOf(ctx.meshConfig);
    ctx.eachSubject(ctx.resources('AuthorizationPolicy', SECURITY), (ap) => reassess(ctx, ap, root));
    // The other definitions of a policy get the per-file warning too: the same reading applies.
    for (const ap of ctx.alternatives('AuthorizationPolicy', SECURITY)) reassess(ctx, ap, root);
  },
};

function reassess(ctx: AnalysisContext, ap: WorkspaceResource, root: string): void {
  const spec = obj(ap.value.spec);
  const refs = policyTargetRefs(spec);
  if (str(spec.action) !== 'DENY' || (refs === null && spec.selector == null)) return;
  const tcpDenying = arr(spec.rules).flatMap((r, i) => (deniesAllTcp(obj(r)) ? [i] : []));
  if (tcpDenying.length === 0) return;
  let servers: (string | undefined)[];
  if (refs !== null) servers = refs.map(({ ref }) => httpOnlyTarget(ctx, ap, ref));
  else {
    const matchLabels = stringRecord(obj(spec.selector).matchLabels);
    const inScope = (ap.ns === root ? ctx.pods() : ctx.podsIn(ap.ns)).filter((p) =>
      labelSelectorMatches({ matchLabels }, p.labels),
    );
    servers = inScope.map((p) => httpOnlyServer(ctx, p));
  }
  if (servers.length === 0 || servers.some((s) => s === undefined)) return;
  const names = [...new Set(servers)].slice(0, 3).join(', ');
  const reason =
    refs !== null
      ? `no TCP port is in its scope: what it targets serves only HTTP (${names})`
      : `no TCP port is in its scope: the workloads it selects serve only HTTP (${names})`;
  for (const i of tcpDenying)
    ctx.reportAsInformation(reason, 'IST0133', ap, [DENIES_ALL_TCP], ['spec', 'rules', i]);
}

/**
 * What makes a policy's target HTTP-only ("service ns/name", "waypoint ns/name (service ...)"), or
 * undefined if it may take TCP or the workspace does not show it. Targets are in the policy's namespace.
 */
function httpOnlyTarget(ctx: AnalysisContext, ap: WorkspaceResource, ref: Obj): string | undefined {
  const kind = str(ref.kind);
  const group = str(ref.group);
  const name = str(ref.name);
  if (ref.namespace != null && str(ref.namespace) !== ap.ns) return undefined;
  if (kind === 'Service' && group === '') {
    const svc = ctx.find('Service', ap.ns, name, '');
    return svc && httpOnlyService(svc) ? `service ${nameOf(svc)}` : undefined;
  }
  if (kind === 'ServiceEntry' && group === NETWORKING) {
    const se = ctx.find('ServiceEntry', ap.ns, name, NETWORKING);
    const ports = arr(obj(se?.value.spec).ports);
    return se && ports.length > 0 && ports.every((p) => isHTTP(parseProtocol(str(obj(p).protocol))))
      ? `serviceentry ${nameOf(se)}`
      : undefined;
  }
  if (kind !== 'Gateway' || group !== GATEWAY_API) return undefined;
  const gw = ctx.find('Gateway', ap.ns, name, GATEWAY_API);
  if (!gw) return undefined;
  const gwSpec = obj(gw.value.spec);
  const listeners = arr(gwSpec.listeners).map(obj);
  const waypoint =
    str(gwSpec.gatewayClassName) === 'istio-waypoint' || listeners.some((l) => str(l.protocol) === 'HBONE');
  if (!waypoint) {
    // A Gateway API HTTPS listener always terminates TLS (passthrough is protocol TLS).
    const http = listeners.length > 0 && listeners.every((l) => ['HTTP', 'HTTPS'].includes(str(l.protocol)));
    return http ? `gateway ${nameOf(gw)}` : undefined;
  }
  const forWhat = gw.labels['istio.io/waypoint-for'] ?? 'service';
  if (forWhat !== 'service') return undefined;
  // Bound from another namespace: those Services are in scope too, and not looked at here.
  const boundFromElsewhere = [...ctx.resources('Service', ''), ...ctx.resources('Namespace', '')].some(
    (r) => r.labels[USE_WAYPOINT] === gw.name && r.labels[USE_WAYPOINT_NAMESPACE] !== undefined,
  );
  if (boundFromElsewhere) return undefined;
  const nsLabel = namespaceManifest(ctx, gw.ns)?.labels[USE_WAYPOINT];
  const bound = ctx
    .resourcesIn('Service', gw.ns, '')
    .filter((s) => !isGatewayService(s) && (s.labels[USE_WAYPOINT] ?? nsLabel) === gw.name);
  if (bound.length === 0 || !bound.every(httpOnlyService)) return undefined;
  return `waypoint ${nameOf(gw)} of service ${bound
    .map((s) => s.name)
    .slice(0, 3)
    .join(', ')}`;
}

const httpOnlyService = (svc: WorkspaceResource): boolean => {
  const ports = arr(obj(svc.value.spec).ports);
  return ports.length > 0 && ports.every(httpPort);
};

/** A name as the manifests decide it: without a namespace given at apply time. */
const nameOf = (r: WorkspaceResource): string => (r.nsKnown ? fullName(r) : r.name);

/** What makes the pod HTTP-only ("gateway ns/name", "service ns/name"), or undefined if it may take TCP. */
function httpOnlyServer(ctx: AnalysisContext, pod: WorkloadPod): string | undefined {
  const gateways = ctx.resources('Gateway', NETWORKING).filter((g) => {
    const selector = gatewaySelector(g);
    return Object.keys(selector).length > 0 && selectorMatches(selector, pod.labels);
  });
  if (gateways.length > 0)
    return gateways.every((g) => arr(obj(g.value.spec).servers).every((s) => httpServer(obj(s))))
      ? `gateway ${gateways.map(nameOf).join(', ')}`
      : undefined;
  const services = ctx.resourcesIn('Service', pod.ns, '').filter((s) => {
    const selector = stringRecord(obj(s.value.spec).selector);
    return Object.keys(selector).length > 0 && selectorMatches(selector, pod.labels);
  });
  if (services.length === 0 || !services.every((s) => arr(obj(s.value.spec).ports).every(httpPort)))
    return undefined;
  return `service ${services.map(nameOf).join(', ')}`;
}

/**
 * Istio's IsHTTPServer: an HTTP protocol, or HTTPS whose TLS the gateway terminates (a `tls` block whose
 * mode, PASSTHROUGH when unset, is not a passthrough one).
 */
function httpServer(server: Obj): boolean {
  const protocol = parseProtocol(str(obj(server.port).protocol));
  if (isHTTP(protocol)) return true;
  return protocol === 'HTTPS' && isSet(server.tls) && !isPassthroughMode(serverTLSMode(obj(server.tls)));
}

function httpPort(raw: unknown): boolean {
  const p = obj(raw);
  const app = p.appProtocol === undefined ? undefined : str(p.appProtocol);
  return isHTTP(convertProtocol(num(p.port) ?? 0, str(p.name), str(p.protocol) || 'TCP', app));
}
