// The status istiod writes on a Gateway API route (pilot/pkg/config/kube/gateway), read from the manifests:
// a parent or backend the route names that does not exist (IST0101, as a VirtualService's gateway or host),
// and a parent whose listeners do not admit the route (IST0171: Accepted=False, NotAllowedByListeners or
// NoMatchingListenerHostname, listener-admission.ts, the negative condition istioctl analyze reports on a
// live cluster). Absence under the workspace's usual proof:
// a Gateway by canProveGatewayMissing, a Service or hostname by canProveHostMissing (a slip); a listener,
// port or admission only against a Gateway the workspace defines, and against every definition of it.
import type { AnalysisContext, WorkspaceResource } from '../../analysis/analyzer';
import {
  clusterDomain,
  everyDefinition,
  GATEWAY_API,
  NETWORKING,
  otherDefinitions,
} from '../../analysis/istio';
import { destinationHost, serviceEntryHostMap, type HostTarget } from '../../analysis/hostMap';
import {
  canProveGatewayMissing,
  canProveHostMissing,
  gatewayAppliedElsewhere,
} from '../../analysis/provenMissing';
import { renamedGatewayHint, renamedServiceHint } from '../../analysis/renamedByKustomize';
import { istioGatewayClasses } from '../../analysis/gatewayController';
import { refusal, reported, type Refusal } from './listener-admission';
import type { PathSegment } from '../../parse/nodes';
import { isPlaceholder } from '../../util/placeholder';
import { arr, num, obj, str, type Obj } from '../../util/json';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'];

export function routeStatus(ctx: AnalysisContext): void {
  const hosts = serviceEntryHostMap(ctx);
  const domain = clusterDomain(ctx);
  const istioClasses = istioGatewayClasses(ctx.resources('GatewayClass', GATEWAY_API));
  for (const kind of ROUTE_KINDS)
    ctx.eachSubject(everyDefinition(ctx, kind, GATEWAY_API), (r) => {
      // A route dumped from a cluster carries istiod's own verdict, which the conditions are read from.
      if (arr(obj(r.value.status).parents).length) return;
      parents(ctx, r, istioClasses);
      backends(ctx, r, hosts, domain);
    });
}

const named = (name: string): boolean => name !== '' && !isPlaceholder(name, { wordsAllowed: false });

function parents(ctx: AnalysisContext, route: WorkspaceResource, istioClasses: ReadonlySet<string>): void {
  const spec = obj(route.value.spec);
  arr(spec.parentRefs).forEach((p, i) => {
    const ref = obj(p);
    const at: PathSegment[] = ['spec', 'parentRefs', i];
    const name = str(ref.name);
    const ns = ref.namespace == null ? route.ns : str(ref.namespace);
    if (!named(name) || !named(ns)) return;
    const kind = ref.kind == null ? 'Gateway' : str(ref.kind);
    const group = ref.group == null ? GATEWAY_API : str(ref.group);
    if (kind === 'Service' && group === '') {
      // A mesh route (GAMMA) attaches to the Service's traffic.
      const fqdn = `${name}.${ns}.svc.${clusterDomain(ctx)}`;
      if (!ctx.find('Service', ns, name, ''))
        serviceMissing(ctx, route, { name, ns, host: fqdn }, 'parentRefs', at);
      return;
    }
    if (kind !== 'Gateway' || group !== GATEWAY_API) return;
    const gateways = definitions(ctx, 'Gateway', ns, name, GATEWAY_API);
    if (!gateways.length) {
      const elsewhere =
        ref.namespace == null ? gatewayAppliedElsewhere(ctx, name, route, GATEWAY_API) : undefined;
      if (elsewhere || (apiGatewayEvidence(ctx, ns, name) && canProveGatewayMissing(ctx, ns, name, route)))
        ctx.reportWithHint(
          elsewhere
            ? {
                text: `the Gateway ${elsewhere.ns}/${name} is applied beside it: a parentRef without a namespace names a Gateway of the route's own (${ns}); set namespace: ${elsewhere.ns}`,
                related: [
                  {
                    resource: elsewhere,
                    at: ['metadata', 'name'],
                    message: `Gateway ${elsewhere.ns}/${name}`,
                  },
                ],
              }
            : renamedGatewayHint(ctx, { ns, name }, route, GATEWAY_API),
          'IST0101',
          route,
          ['gateway', `${ns}/${name}`],
          [...at, 'name'],
        );
      return;
    }
    const section = ref.sectionName == null ? undefined : str(ref.sectionName);
    const port = ref.port == null ? undefined : num(ref.port);
    const chosen = gateways.map((g) => ({
      istio: istioClasses.has(str(obj(g.value.spec).gatewayClassName)),
      listeners: listenersOf(g).filter((l) => picks(l, section, port)),
    }));
    if (chosen.every((c) => c.listeners.length === 0)) {
      if (section !== undefined)
        ctx.report('IST0101', route, ['listener', `${ns}/${name}/${section}`], [...at, 'sectionName']);
      else if (port !== undefined)
        ctx.report('IST0101', route, ['listener port', `${ns}/${name}:${port}`], [...at, 'port']);
      return;
    }
    const verdicts = chosen.flatMap((c) => c.listeners.map((l) => refusal(l, c.istio, route, ns)));
    const refusals = verdicts.filter((v): v is Refusal => v !== undefined);
    if (refusals.length < verdicts.length) return;
    const why = reported(refusals);
    ctx.report(
      'IST0171',
      route,
      ['Accepted', why.reason, `no listener of Gateway ${ns}/${name} admits it: ${why.message}`],
      [...at, 'name'],
    );
  });
}

/**
 * Istio Gateways do not define a namespace's Gateway API Gateways (two APIs, often installed apart): the
 * proof needs a Gateway API Gateway of the workspace, in that namespace or of that name elsewhere (a misspelt
 * namespace), or one of undecided namespace (it may land there).
 */
function apiGatewayEvidence(ctx: AnalysisContext, ns: string, name: string): boolean {
  if (ctx.assumeComplete) return true;
  return ctx
    .resources('Gateway', GATEWAY_API)
    .some((g) => !g.nsKnown || (g.ns === ns ? g.name !== name : g.name === name));
}

/** Every definition of an object (the cluster holds one of them: a finding must hold against each). */
function definitions(
  ctx: AnalysisContext,
  kind: string,
  ns: string,
  name: string,
  group: string,
): WorkspaceResource[] {
  const found = ctx.find(kind, ns, name, group);
  return found ? [found, ...otherDefinitions(ctx, found)] : [];
}

const listenersOf = (gw: WorkspaceResource): Obj[] => arr(obj(gw.value.spec).listeners).map(obj);

const picks = (l: Obj, section: string | undefined, port: number | undefined): boolean =>
  (section === undefined || str(l.name) === section) && (port === undefined || num(l.port) === port);

function backends(
  ctx: AnalysisContext,
  route: WorkspaceResource,
  hosts: ReadonlyMap<string, HostTarget>,
  domain: string,
): void {
  arr(obj(route.value.spec).rules).forEach((rule, i) => {
    arr(obj(rule).backendRefs).forEach((b, j) =>
      backend(ctx, route, obj(b), ['spec', 'rules', i, 'backendRefs', j], hosts, domain),
    );
  });
}

function backend(
  ctx: AnalysisContext,
  route: WorkspaceResource,
  ref: Obj,
  at: PathSegment[],
  hosts: ReadonlyMap<string, HostTarget>,
  domain: string,
): void {
  const name = str(ref.name);
  const kind = ref.kind == null ? 'Service' : str(ref.kind);
  const group = ref.group == null ? '' : str(ref.group);
  const ns = ref.namespace == null ? route.ns : str(ref.namespace);
  if (!named(name) || !named(ns)) return;
  if (kind === 'Hostname' && group === NETWORKING) {
    // A ServiceEntry's host, as a VirtualService destination names it.
    if (
      !destinationHost(route.ns, [], name, hosts, domain) &&
      canProveHostMissing(ctx, name, route.ns, route)
    )
      ctx.report('IST0101', route, ['host', name], [...at, 'name']);
    return;
  }
  if (kind !== 'Service' || group !== '') return;
  const host = `${name}.${ns}.svc.${domain}`;
  const target = destinationHost(route.ns, [], host, hosts, domain);
  if (!target) {
    serviceMissing(ctx, route, { name, ns, host }, 'backendRefs', at);
    return;
  }
  const port = num(ref.port);
  if (port === undefined || target.resource.kind !== 'Service') return;
  const services = definitions(ctx, 'Service', target.resource.ns, target.resource.name, '');
  if (services.every((s) => !arr(obj(s.value.spec).ports).some((p) => num(obj(p).port) === port)))
    ctx.report('IST0101', route, ['service:port', `${name}.${ns}:${port}`], [...at, 'port']);
}

/** A Service a route's `field` entry at `at` names, absent: IST0101 when the workspace proves it missing. */
function serviceMissing(
  ctx: AnalysisContext,
  route: WorkspaceResource,
  svc: { name: string; ns: string; host: string },
  field: string,
  at: PathSegment[],
): void {
  if (canProveHostMissing(ctx, svc.host, route.ns, route))
    ctx.reportWithHint(
      renamedServiceHint(ctx, svc.host, route, `${route.kind} ${field}`),
      'IST0101',
      route,
      ['service', `${svc.name}.${svc.ns}`],
      [...at, 'name'],
    );
}
