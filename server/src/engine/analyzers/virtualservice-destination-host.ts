// virtualservice.DestinationHostAnalyzer: every route/mirror destination host resolves to a Service
// or ServiceEntry visible from the VirtualService's namespace, on an existing port; and on gateways,
// a route without subset to a host that another VirtualService splits by subset is flagged.
// Differences from istioctl (deliberate): on a partial workspace a port that any definition of the
// Service declares counts (tutorial steps side by side), as does one that another definition of any
// ServiceEntry declares for the host (a file's version that rewrote its ServiceEntry for this host), and
// the hosts and ports of every definition of a VirtualService are checked, not only the one analysis
// reads; `--assume-complete` reads the winning one. A Service whose namespace is given at apply time and
// that is applied apart from the VirtualService (another chapter's copy) proves no port missing: istioctl
// puts every namespace-less file in one namespace. Nor does one a template of the workspace also writes
// (a chart beside plain manifests): the chart's Service, ports decided at install time, may have the port.
// And a destination without a port to a Service of several ports (IST0112) is not ambiguous on the
// sidecars alone: istiod routes it to the port the request arrived on (GetDestinationCluster's
// listenerPort). A VirtualService bound only to the mesh whose hosts are Services of the workspace,
// every port of which the destination also has, routes every request to an existing port; istioctl
// reports it all the same (even when the destination is its own host). Gateways keep the finding. On a
// partial workspace it also needs the host's definition applied with the VirtualService (its own file's, else
// every one) to have several ports: a step file's ServiceEntry of one port is the one its route meets.
// A gateway route's subset-less destination is IST0140 only beside a VirtualService splitting that host by
// subset applied with it (one directory tree or rendering, applyUnits.ts), or any with `--assume-complete`:
// istioctl compares every pair it reads, and another demo's VirtualService for a host of the same name is
// applied apart. The two hosts are compared as istiod resolves them, a short name in the namespace of the
// VirtualService that writes it (resolveVirtualServiceShortnames): istioctl compares the strings, and so told
// a gateway route to `web` of one namespace that a split of another namespace's `web` missed its requests.
import type { Analyzer, AnalysisContext, ReportHint, WorkspaceResource } from '../analysis/analyzer';
import {
  MESH_GATEWAY,
  NETWORKING,
  clusterDomain,
  convertHostToFqdn,
  fullName,
  otherDefinitions,
  serviceOfHost,
} from '../analysis/istio';
import {
  definitionsForHost,
  destinationHost,
  serviceEntryHostMap,
  singleHostMap,
  type HostTarget,
} from '../analysis/hostMap';
import {
  httpMirrorDestinations,
  routeDestinations,
  type AnnotatedDestination,
} from '../analysis/routeDestinations';
import { canProveHostMissing, serviceAppliedElsewhere } from '../analysis/provenMissing';
import { renamedServiceHint } from '../analysis/renamedByKustomize';
import { arr, num, obj, str } from '../util/json';
import { appliedTogether, placedBeside, presentTogether } from '../analysis/applyUnits';

export const destinationHostAnalyzer: Analyzer = {
  meta: {
    name: 'virtualservice.DestinationHostAnalyzer',
    description: 'Checks the destination hosts associated with each virtual service',
    codes: ['IST0101', 'IST0112', 'IST0140'],
    inputs: ['ServiceEntry', 'VirtualService', 'Service'],
    inAll: true,
  },
  analyze(ctx) {
    const hosts = serviceEntryHostMap(ctx);
    const domain = clusterDomain(ctx);
    // By host: a route asks for its own host, and a scan of every VirtualService per route was quadratic.
    const splitting = vsSplittingBySubset(ctx, domain);
    ctx.eachSubject(ctx.resources('VirtualService', NETWORKING), (r) => {
      analyzeHosts(ctx, r, hosts, domain);
      analyzeSubset(ctx, r, splitting, domain);
    });
    // The other definitions of an object (tutorial steps side by side): what each one routes to.
    if (!ctx.assumeComplete)
      ctx.eachSubject(ctx.alternatives('VirtualService', NETWORKING), (r) =>
        analyzeHosts(ctx, r, hosts, domain),
      );
  },
};

function analyzeHosts(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  hosts: ReadonlyMap<string, HostTarget>,
  domain: string,
): void {
  const exportTo = arr(obj(r.value.spec).exportTo).map(str);
  const destinations = [
    ...routeDestinations(r).map((d) => ({ d, what: 'host' })),
    ...httpMirrorDestinations(r).map((d) => ({ d, what: 'mirror host' })),
  ];
  for (const { d, what } of destinations) {
    const host = str(d.destination.host);
    const s = destinationHost(r.ns, exportTo, host, hosts, domain);
    if (!s) {
      if (canProveHostMissing(ctx, host, r.ns, r))
        ctx.reportWithHint(
          renamedServiceHint(ctx, host, r) ?? serviceElsewhereHint(ctx, host, r, domain),
          'IST0101',
          r,
          [what, host],
          [...d.path, 'host'],
        );
      else if (portMissingWherever(ctx, r, d, domain))
        ctx.report('IST0101', r, ['host:port', `${host}:${portOf(d)}`], [...d.path, 'port', 'number']);
      continue;
    }
    checkPorts(ctx, r, d, s, hosts, domain);
  }
}

/** Where the Service a short host names is applied, when the VirtualService's own apply puts it elsewhere. */
function serviceElsewhereHint(
  ctx: AnalysisContext,
  host: string,
  r: WorkspaceResource,
  domain: string,
): ReportHint | undefined {
  const there = serviceAppliedElsewhere(ctx, host, r);
  if (!there) return undefined;
  return {
    text: `the Service ${there.ns}/${host} is applied beside it: a short host is looked up in the VirtualService's namespace (${r.ns}); write ${host}.${there.ns}.svc.${domain}`,
    related: [{ resource: there, at: ['metadata', 'name'], message: `Service ${there.ns}/${host}` }],
  };
}

function checkPorts(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  d: AnnotatedDestination,
  s: HostTarget,
  hosts: ReadonlyMap<string, HostTarget>,
  domain: string,
): void {
  const host = str(d.destination.host);
  const port = d.destination.port;
  if (port === undefined || port === null) {
    if (s.ports.length > 1 && severalPortsWhereApplied(ctx, r, s) && !sidecarPortsExist(r, s, hosts, domain))
      ctx.report('IST0112', r, [host, s.ports.map((p) => p.number)], [...d.path, 'host']);
    return;
  }
  const number = portOf(d);
  // A Service whose namespace is given at apply time, applied apart from the VirtualService (another
  // chapter's copy), is the host only in the placements that put both in one namespace: where the
  // VirtualService is applied, the host may be another Service of the name (as portMissingWherever reads it).
  if (!placedBeside(ctx, s.resource, r)) return;
  if (
    !s.ports.some((p) => p.number === number) &&
    !alternativeHasPort(ctx, s.resource, number) &&
    !otherDefinitionServesPort(ctx, r, host, number, domain) &&
    !templateRendersTwin(ctx, s.resource)
  ) {
    ctx.report('IST0101', r, ['host:port', `${host}:${number}`], [...d.path, 'port', 'number']);
  }
}

const portOf = (d: AnnotatedDestination): number => num(obj(d.destination.port).number) ?? 0;

/**
 * The host is not in this placement, but the workspace's Services of its name all have their namespace
 * given at apply time, and one is applied with the VirtualService (one directory tree or rendering,
 * applyUnits.ts): the host is that one wherever they are applied, so a port none of them declares (in any
 * definition) is missing in every placement, as in the one that puts it in the host's namespace. Without
 * this, the finding held there only, and came and went with the namespaces unrelated files named (the
 * placements tried). A Service applied apart (a base beside an overlay whose kustomization is not in the
 * workspace) may be patched or replaced on its way: not proven.
 */
function portMissingWherever(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  d: AnnotatedDestination,
  domain: string,
): boolean {
  const port = d.destination.port;
  if (port === undefined || port === null) return false;
  const name = serviceOfHost(str(d.destination.host), r.ns, domain)?.name;
  if (name === undefined || ctx.chartMayRender('Service')) return false;
  if (ctx.templatedNames('Service').has(name)) return false;
  const named = [
    ...ctx.resources('Service', ''),
    ...(ctx.assumeComplete ? [] : ctx.alternatives('Service', '')),
  ].filter((s) => s.name === name);
  if (named.some((s) => s.nsKnown) || !named.some((s) => appliedTogether(ctx, r, s))) return false;
  const number = portOf(d);
  return !named.some((s) => arr(obj(s.value.spec).ports).some((p) => num(obj(p).port) === number));
}

/**
 * The VirtualService applies to sidecars only and each of its hosts is a Service whose every port `s`
 * also has: a request arrives on one of those ports, the port istiod sends a portless destination to.
 */
function sidecarPortsExist(
  r: WorkspaceResource,
  s: HostTarget,
  hosts: ReadonlyMap<string, HostTarget>,
  domain: string,
): boolean {
  const spec = obj(r.value.spec);
  if (arr(spec.gateways).some((g) => str(g) !== MESH_GATEWAY)) return false;
  const vsHosts = arr(spec.hosts).map(str);
  if (vsHosts.length === 0) return false;
  const exportTo = arr(spec.exportTo).map(str);
  const destPorts = new Set(s.ports.map((p) => p.number));
  return vsHosts.every((h) => {
    if (h.includes('*')) return false;
    const target = destinationHost(r.ns, exportTo, h, hosts, domain);
    return !!target && target.ports.length > 0 && target.ports.every((p) => destPorts.has(p.number));
  });
}

/**
 * On a partial workspace, a portless destination is ambiguous only where the host's definition applied with
 * the VirtualService has several ports. A file that defines both is applied whole, so its own definition is
 * the one present (a step that adds port 443 to a ServiceEntry beside the step that has 80 alone); without
 * one in the file, any definition of the host may be present, and each must have several ports.
 */
function severalPortsWhereApplied(ctx: AnalysisContext, r: WorkspaceResource, s: HostTarget): boolean {
  const others = otherDefinitions(ctx, s.resource);
  if (others.length === 0) return true;
  const definitions = [s.resource, ...others];
  const own = definitions.filter((d) => d.file.uri === r.file.uri);
  return (own.length > 0 ? own : definitions).every((d) => arr(obj(d.value.spec).ports).length > 1);
}

/** On a partial workspace, a port another definition of the Service (or ServiceEntry) declares counts. */
function alternativeHasPort(ctx: AnalysisContext, target: WorkspaceResource, number: number): boolean {
  const field = target.kind === 'Service' ? 'port' : 'number';
  return otherDefinitions(ctx, target).some((a) =>
    arr(obj(a.value.spec).ports).some((p) => num(obj(p)[field]) === number),
  );
}

/**
 * On a partial workspace, a template of the workspace (a Helm chart's, rendered by `helm install` or an Argo
 * CD Application) that writes a Service of the same name literally is another definition of it, whose ports
 * (often `{{ .Values.service.port }}`) are decided at install time: a repository that deploys its app both
 * ways (plain manifests or a kustomize base beside a chart) may route to the port only the chart's Service
 * declares. Unknown, not missing, as a host such a template names is (provenMissing.ts).
 */
function templateRendersTwin(ctx: AnalysisContext, target: WorkspaceResource): boolean {
  return !ctx.assumeComplete && target.kind === 'Service' && ctx.templatedNames('Service').has(target.name);
}

/**
 * On a partial workspace, a port that another definition of any ServiceEntry (or Service) declares for the
 * host counts, whichever object the host resolves to now. Versions of one file side by side each hold
 * together: a ServiceEntry rewritten for another host and port, with the VirtualService that routes there,
 * loses its identity to the other version, and the host falls to another object's ports.
 */
function otherDefinitionServesPort(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  host: string,
  number: number,
  domain: string,
): boolean {
  if (ctx.assumeComplete) return false;
  const exportTo = arr(obj(r.value.spec).exportTo).map(str);
  return [ctx.alternatives('ServiceEntry', NETWORKING), ctx.alternatives('Service', '')].some((list) =>
    definitionsForHost(list, r.ns, host, domain).some((a) =>
      destinationHost(r.ns, exportTo, host, singleHostMap(a, domain), domain)?.ports.some(
        (p) => p.number === number,
      ),
    ),
  );
}

/**
 * For each host (its FQDN, a short name resolved in the VirtualService's namespace), the VirtualServices (in
 * the workspace's order) with an http route destination that names a subset and that host, one of the
 * VirtualService's own hosts.
 */
function vsSplittingBySubset(ctx: AnalysisContext, domain: string): Map<string, WorkspaceResource[]> {
  const out = new Map<string, WorkspaceResource[]>();
  for (const r of ctx.resources('VirtualService', NETWORKING)) {
    for (const short of subsetSplitHosts(r.value)) {
      const host = convertHostToFqdn(r.ns, short, domain);
      const list = out.get(host);
      if (list) list.push(r);
      else out.set(host, [r]);
    }
  }
  return out;
}

/**
 * The hosts of a VirtualService's value that one of its http routes sends to a subset of (each once).
 * Kept per value: a trial placement moves a resource, not its value, and rebuilds this map each time.
 */
function subsetSplitHosts(value: WorkspaceResource['value']): readonly string[] {
  let hosts = splitHosts.get(value);
  if (hosts) return hosts;
  const spec = obj(value.spec);
  const vsHosts = new Set(arr(spec.hosts).map(str));
  const named = new Set<string>();
  for (const http of arr(spec.http))
    for (const route of arr(obj(http).route)) {
      const dest = obj(obj(route).destination);
      const host = str(dest.host);
      if (str(dest.subset) !== '' && vsHosts.has(host)) named.add(host);
    }
  splitHosts.set(value, (hosts = [...named]));
  return hosts;
}
const splitHosts = new WeakMap<WorkspaceResource['value'], readonly string[]>();

function analyzeSubset(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  splitting: ReadonlyMap<string, WorkspaceResource[]>,
  domain: string,
): void {
  const spec = obj(r.value.spec);
  // IST0140 is about an ingress gateway's requests: a VirtualService bound to no gateway, or only to the
  // mesh (the sidecars), serves none. istioctl checks any with a gateways list, `mesh` alone included,
  // and so told a mesh VirtualService that splits its own host that its catch-all route had "no effect
  // on ingress gateway" requests it never receives.
  const gateways = arr(spec.gateways).map(str);
  if (gateways.every((g) => g === MESH_GATEWAY)) return;
  arr(spec.http).forEach((http, i) => {
    arr(obj(http).route).forEach((route, j) => {
      const dest = obj(obj(route).destination);
      if (str(dest.subset) !== '') return;
      // The split is ineffective for this gateway's requests only if both VirtualServices are in the
      // cluster: one applied with this one (one directory tree or rendering, applyUnits.ts), not another
      // demo's VirtualService for a host of the same name, applied apart, nor another step of a directory
      // applied a file at a time (stepDirectories.ts).
      // One report per VirtualService naming the host is one finding on one node: the first one's
      // message is the one kept (runAnalyzers keeps the first report of a range), so only it is made.
      const host = convertHostToFqdn(r.ns, str(dest.host), domain);
      const vs = splitting.get(host)?.find((o) => presentTogether(ctx, r, o));
      if (vs !== undefined)
        ctx.report(
          'IST0140',
          r,
          [fullName(vs), fullName(r)],
          ['spec', 'http', i, 'route', j, 'destination', 'host'],
        );
    });
  });
}
