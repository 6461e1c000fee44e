// Istio's shared analyzer utilities (pkg/config/analysis/analyzers/util), written for our workspace:
// full names, scoped FQDNs for exportTo, service/ServiceEntry host lookup, route destinations.
import type { PathSegment } from '../parse/nodes';
import type { AnalysisContext, ReportHint, WorkspaceResource } from './analyzer';
import { DEFAULT_DOMAIN_SUFFIX } from './hosts';
import { isAssumedDefault, isInstalled } from './installed';
import { PROFILE_GATEWAYS } from './istioOperator';
import { arr, isObj, num, obj, str, type Obj } from '../util/json';
import { nearMissName, templateMayRender } from './nearMiss';
import { couldBecome } from '../util/placeholder';
import { rootOf, vacatedNames } from './placed';
import { placedBeside } from './applyUnits';
import type { NameChange } from '../kustomize';
import { GATEWAY_API, NETWORKING } from './groups';

export { GATEWAY_API, NETWORKING, SECURITY, TELEMETRY } from './groups';

/**
 * Every definition of a kind's objects, as subjects of the checks of what each one references: on a
 * partial workspace the alternatives too (tutorial steps side by side are each applied at some step,
 * so a misspelt host or subset in any of them is a mistake). Conflicts between alternatives are never
 * checked; with the whole cluster (`--assume-complete`) only the definition the cluster holds.
 */
export function everyDefinition(
  ctx: AnalysisContext,
  kind: string,
  group: string,
): readonly WorkspaceResource[] {
  const decided = ctx.resources(kind, group);
  if (ctx.assumeComplete) return decided;
  const others = ctx.alternatives(kind, group);
  return others.length ? [...decided, ...others] : decided;
}
export const EXPORT_ALL = '*';
export const EXPORT_LOCAL = '.';
export const MESH_GATEWAY = 'mesh';
export const EXPORT_TO_ANNOTATION = 'networking.istio.io/exportTo';

/** Istio's resource.FullName string: `ns/name` with the effective namespace. */
export const fullName = (r: WorkspaceResource): string => `${r.ns}/${r.name}`;

/** resource.NewShortOrFullName: `ns/name` stays, `name` gets the default namespace. */
export function shortOrFullName(defaultNs: string, name: string): { ns: string; name: string } {
  const i = name.indexOf('/');
  return i >= 0 ? { ns: name.slice(0, i), name: name.slice(i + 1) } : { ns: defaultNs, name };
}

/**
 * The Gateway a VirtualService's `gateways` entry binds, as Istio resolves it (pilot's
 * resolveGatewayName): `ns/name`, `./name` (the VirtualService's namespace), a short name, or the
 * legacy `name.ns[.svc.<domain>]`. istioctl reads the legacy form as a Gateway so named and reports it
 * missing, while istiod binds it to `ns/name`.
 */
export function resolveGatewayName(vsNs: string, ref: string): { ns: string; name: string } {
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const ns = ref.slice(0, slash);
    return { ns: ns === '.' ? vsNs : ns, name: ref.slice(slash + 1) };
  }
  const dot = ref.indexOf('.');
  if (dot < 0) return { ns: vsNs, name: ref };
  const rest = ref.slice(dot + 1);
  const end = rest.indexOf('.');
  return { ns: end < 0 ? rest : rest.slice(0, end), name: ref.slice(0, dot) };
}

/** util.ConvertHostToFQDN, with the cluster domain suffix. */
export function convertHostToFqdn(ns: string, host: string, domain = DEFAULT_DOMAIN_SUFFIX): string {
  return !host.startsWith('*') && !host.includes('.') ? `${host}.${ns}.svc.${domain}` : host;
}

const FQDN = /^(.+)\.(.+)\.svc\.cluster\.local$/;

/** util.GetFullNameFromFQDN: `name.ns.svc.cluster.local` → {ns, name}; '' parts when it is not one. */
export function fullNameFromFqdn(fqdn: string): { ns: string; name: string } {
  const m = FQDN.exec(fqdn);
  return m ? { ns: m[2], name: m[1] } : { ns: '', name: '' };
}

/** util.GetResourceNameFromHost: a service FQDN names its namespace; a short name is in `defaultNs`. */
export function resourceNameFromHost(defaultNs: string, host: string): { ns: string; name: string } {
  const n = fullNameFromFqdn(host);
  return n.ns === '' ? { ns: defaultNs, name: host } : n;
}

export const scopedFqdn = (scope: string, ns: string, host: string, domain?: string): string =>
  `${scope}/${convertHostToFqdn(ns, host, domain)}`;

/** Where spec.exportTo exports a resource: everywhere (`*`, also when unset) or to namespaces (`.`: its own). */
export function exportScopes(r: WorkspaceResource): string[] {
  const exportTo = arr(obj(r.value.spec).exportTo).map(str);
  if (exportTo.length === 0 || exportTo.includes(EXPORT_ALL)) return [EXPORT_ALL];
  return [...new Set(exportTo.map((e) => (e === EXPORT_LOCAL ? r.ns : e)))];
}

export interface ServicePort {
  number: number;
  name: string;
  protocol: string;
}
export interface HostTarget {
  hosts: string[];
  ports: ServicePort[];
  resource: WorkspaceResource;
}

/** The cluster domain from mesh config (Istio reads `clusterDomain` when set). */
export function clusterDomain(ctx: AnalysisContext): string {
  const d = str(ctx.meshConfig.clusterDomain);
  return d || DEFAULT_DOMAIN_SUFFIX;
}

/**
 * Host maps by their inputs: the ServiceEntry and Service lists (a workspace's lists never change)
 * and the cluster domain. Analyzers of one placement share the map, and a trial placement that moved
 * neither kind shares its base's.
 */
const hostMaps = new WeakMap<
  readonly WorkspaceResource[],
  WeakMap<readonly WorkspaceResource[], Map<string, Map<string, HostTarget>>>
>();

/**
 * util.InitServiceEntryHostMap: every ServiceEntry host and Service, keyed by `scope/fqdn`. Callers
 * must not change it (it is shared). The two lists are read through `ctx` on every call, so the
 * analyzer's reads are recorded whether or not the map was built for it.
 */
export function serviceEntryHostMap(ctx: AnalysisContext): ReadonlyMap<string, HostTarget> {
  const domain = clusterDomain(ctx);
  const entries = ctx.resources('ServiceEntry', NETWORKING);
  const services = ctx.resources('Service', '');
  let byServices = hostMaps.get(entries);
  if (!byServices) hostMaps.set(entries, (byServices = new WeakMap()));
  let byDomain = byServices.get(services);
  if (!byDomain) byServices.set(services, (byDomain = new Map<string, Map<string, HostTarget>>()));
  let result = byDomain.get(domain);
  if (!result) byDomain.set(domain, (result = buildHostMap(entries, services, domain)));
  return result;
}

function buildHostMap(
  entries: readonly WorkspaceResource[],
  services: readonly WorkspaceResource[],
  domain: string,
): Map<string, HostTarget> {
  const result = new Map<string, HostTarget>();
  const wild: string[] = [];
  const apply = (ops: HostOps) => {
    for (const [key, target] of ops) {
      if (!result.has(key) && isWildcardKey(key)) wild.push(key);
      result.set(key, target);
    }
  };
  for (const r of entries) apply(hostOps(r, domain, entryHostOps));
  for (const r of services) apply(hostOps(r, domain, serviceHostOps));
  wildcards.set(
    result,
    wild.map((k) => [k, result.get(k)!]),
  );
  return result;
}

/** What a resource writes into a host map, in order: `scope/fqdn` keys and its target. */
type HostOps = readonly (readonly [string, HostTarget])[];

/**
 * A resource's host map entries, kept for a resource of decided namespace: the same object in every
 * trial placement, whose host maps (one per placement) are built anew.
 */
function hostOps(
  r: WorkspaceResource,
  domain: string,
  build: (r: WorkspaceResource, domain: string) => HostOps,
): HostOps {
  if (!r.nsKnown) return build(r, domain);
  const hit = hostOpsOf.get(r);
  if (hit && hit.domain === domain) return hit.ops;
  const ops = build(r, domain);
  hostOpsOf.set(r, { domain, ops });
  return ops;
}
const hostOpsOf = new WeakMap<WorkspaceResource, { domain: string; ops: HostOps }>();

function entryHostOps(r: WorkspaceResource, domain: string): HostOps {
  const ops: [string, HostTarget][] = [];
  const spec = obj(r.value.spec);
  const exportTo = arr(spec.exportTo).map(str);
  const target: HostTarget = {
    hosts: arr(spec.hosts).map(str),
    ports: serviceEntryPorts(spec),
    resource: r,
  };
  let exportsToAll = false;
  for (const h of target.hosts) {
    if (exportTo.length === 0 || exportsToAll) {
      ops.push([scopedFqdn(EXPORT_ALL, r.ns, h, domain), target]);
      continue;
    }
    for (const e of exportTo) {
      if (e === EXPORT_ALL) {
        ops.push([scopedFqdn(EXPORT_ALL, r.ns, h, domain), target]);
        exportsToAll = true;
      } else if (e === EXPORT_LOCAL) ops.push([scopedFqdn(r.ns, r.ns, h, domain), target]);
      else ops.push([scopedFqdn(e, r.ns, h, domain), target]);
      if (exportsToAll) break;
    }
  }
  return ops;
}

function serviceHostOps(r: WorkspaceResource, domain: string): HostOps {
  const spec = obj(r.value.spec);
  const ports = arr(spec.ports).map((p) => ({
    number: num(obj(p).port) ?? 0,
    name: str(obj(p).name),
    protocol: str(obj(p).protocol),
  }));
  const target: HostTarget = { hosts: [convertHostToFqdn(r.ns, r.name, domain)], ports, resource: r };
  return visibleNamespacesFromExportTo(r.annotations[EXPORT_TO_ANNOTATION] ?? '', r.ns).map(
    (scope) => [scopedFqdn(scope, r.ns, r.name, domain), target] as const,
  );
}

function serviceEntryPorts(spec: Obj): ServicePort[] {
  return arr(spec.ports).map((p) => ({
    number: num(obj(p).number) ?? 0,
    name: str(obj(p).name),
    protocol: str(obj(p).protocol),
  }));
}

function visibleNamespacesFromExportTo(anno: string, ns: string): string[] {
  if (anno === '') return [EXPORT_ALL];
  return anno.split(',').map((s) => (s === EXPORT_LOCAL ? ns : s));
}

/** util.GetDestinationHost: the Service/ServiceEntry a destination host resolves to from `sourceNs`, if any. */
export function destinationHost(
  sourceNs: string,
  exportTo: readonly string[],
  host: string,
  map: ReadonlyMap<string, HostTarget>,
  domain?: string,
): HostTarget | undefined {
  const all = map.get(scopedFqdn(EXPORT_ALL, sourceNs, host, domain));
  if (all) return all;
  if (exportTo.length === 0) {
    const local = map.get(scopedFqdn(sourceNs, sourceNs, host, domain));
    if (local) return local;
  } else {
    for (let e of exportTo) {
      if (e === EXPORT_LOCAL) e = sourceNs;
      const s = map.get(scopedFqdn(e, sourceNs, host, domain));
      if (s) return s;
    }
  }
  const bare = host.startsWith('*') ? host.slice(1) : host;
  // A host without wildcard can only fall under a wildcard key: those alone are tried, in map order.
  for (const [key, s] of bare === host ? wildcardEntries(map) : map) {
    // A wildcard host (`*.ns.svc.cluster.local`) covers the Services under it (istioctl only matches
    // it against wildcard ServiceEntry hosts): a deliberate difference, see the README.
    if (bare !== host && coveredBy(key, bare, sourceNs)) return s;
    const slash = key.indexOf('/');
    const scope = key.slice(0, slash);
    const seHost = key.slice(slash + 1);
    if (!seHost.startsWith('*')) continue;
    if (scope !== EXPORT_ALL && scope !== sourceNs) continue;
    if (bare.endsWith(seHost.slice(1))) return s;
  }
  return undefined;
}

/** The entries of a host map whose host is a wildcard, in map order (a host map is not changed once built; buildHostMap notes them). */
const wildcards = new WeakMap<ReadonlyMap<string, HostTarget>, [string, HostTarget][]>();
/** A host map key (`scope/fqdn`) whose host is a wildcard. */
const isWildcardKey = (key: string): boolean => key.charAt(key.indexOf('/') + 1) === '*';
function wildcardEntries(map: ReadonlyMap<string, HostTarget>): [string, HostTarget][] {
  let out = wildcards.get(map);
  if (!out) {
    out = [...map].filter(([key]) => isWildcardKey(key));
    wildcards.set(map, out);
  }
  return out;
}

/** A `scope/fqdn` key whose host ends with `suffix` (`.ns.svc.cluster.local`), visible from `sourceNs`. */
function coveredBy(key: string, suffix: string, sourceNs: string): boolean {
  const slash = key.indexOf('/');
  const scope = key.slice(0, slash);
  return (scope === EXPORT_ALL || scope === sourceNs) && key.slice(slash + 1).endsWith(suffix);
}

export interface AnnotatedDestination {
  routeRule: 'tcp' | 'tls' | 'http' | 'http.mirror' | 'http.mirrors';
  serviceIndex: number;
  destinationIndex: number;
  /** The destination value ({} when absent). */
  destination: Obj;
  /** Path of the destination map inside the resource. */
  path: PathSegment[];
}

/** Route destinations of a VirtualService in Istio's order: tcp, tls, http. */
export function routeDestinations(vs: WorkspaceResource): AnnotatedDestination[] {
  const spec = obj(vs.value.spec);
  const out: AnnotatedDestination[] = [];
  for (const rule of ['tcp', 'tls', 'http'] as const) {
    arr(spec[rule]).forEach((r, i) => {
      arr(obj(r).route).forEach((rd, j) => {
        out.push({
          routeRule: rule,
          serviceIndex: i,
          destinationIndex: j,
          destination: obj(obj(rd).destination),
          path: ['spec', rule, i, 'route', j, 'destination'],
        });
      });
    });
  }
  return out;
}

/** HTTP mirror destinations (`mirror` and `mirrors[].destination`). */
export function httpMirrorDestinations(vs: WorkspaceResource): AnnotatedDestination[] {
  const out: AnnotatedDestination[] = [];
  arr(obj(vs.value.spec).http).forEach((r, i) => {
    const m = obj(r).mirror;
    if (isObj(m))
      out.push({
        routeRule: 'http.mirror',
        serviceIndex: i,
        destinationIndex: 0,
        destination: m,
        path: ['spec', 'http', i, 'mirror'],
      });
    arr(obj(r).mirrors).forEach((x, j) => {
      out.push({
        routeRule: 'http.mirrors',
        serviceIndex: i,
        destinationIndex: j,
        destination: obj(obj(x).destination),
        path: ['spec', 'http', i, 'mirrors', j, 'destination'],
      });
    });
  });
  return out;
}

/** Istio's IgnoredNamespaces for injection (pkg/kube/inject): system namespaces. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
]);
export const isSystemNamespace = (ns: string): boolean => SYSTEM_NAMESPACES.has(ns);

/**
 * The Kubernetes Service a host names, as Istio resolves a cluster host: a short name in the namespace of
 * the config that wrote it, or `name.ns.svc.<domain>`; undefined for any other host (a ServiceEntry's).
 */
export function serviceOfHost(
  host: string,
  sourceNs: string,
  domain: string,
): { name: string; ns: string } | undefined {
  if (!host.includes('.')) return { name: host, ns: sourceNs };
  if (!host.endsWith(`.svc.${domain}`)) return undefined;
  const [name, ns] = host.split('.');
  return { name, ns };
}

/**
 * Whether the workspace can prove a destination host missing. With the whole cluster (assumeComplete)
 * always, but for a cluster host in a namespace a chart a GitOps object installs renders into
 * (gitops.ts). Otherwise the workspace must describe the host's namespace (its Namespace manifest, or a
 * Service, ServiceEntry or workload in it; for hosts outside the cluster domain, ServiceEntries at all)
 * and hold something the host misses by a slip (nearMiss.ts): a misspelt name is a mistake, while a
 * host unlike anything in the repository is deployed from elsewhere (charts, operators, other repos).
 * A Service a template of the workspace names literally (charts.ts templatedNames) counts, its namespace
 * unknown: it answers to its name, and a host one slip from it is misspelt.
 * The assumed installation is never that something: it only keeps its own names from being missing; what
 * an IstioOperator of the workspace installs is (but for a host naming a gateway of Istio's profiles).
 * Nor is a slip the only proof: a host of `from`'s kustomize rendering that names a Service of that
 * rendering by the name kustomize renamed it from (renamedService) routes to nothing.
 */
export function canProveHostMissing(
  ctx: AnalysisContext,
  host: string,
  sourceNs: string,
  from?: WorkspaceResource,
): boolean {
  const svc = serviceOfHost(host, sourceNs, clusterDomain(ctx));
  // A chart a GitOps object installs in the host's namespace may create the Service.
  if (ctx.assumeComplete) return !svc || !ctx.releasedInto(svc.ns);
  const entries = ctx.resources('ServiceEntry', NETWORKING);
  // A chart of the workspace could render the Service (or ServiceEntry): unknown, not absent.
  if (ctx.chartMayRender(svc ? 'Service' : 'ServiceEntry')) return false;
  if (from && renamedService(ctx, host, from)) return true;
  if (!svc) return nearMissAmong(entries, host, entryHosts);
  const { ns, name } = svc;
  // A template of the workspace renders a Service of that name, in the namespace it is installed into.
  const templated = ctx.templatedNames('Service');
  if (templated.has(name)) return false;
  const services = ctx.resourcesIn('Service', ns, '');
  // The assumed installation says what exists, not that the workspace describes its namespace; an
  // IstioOperator of the workspace does (what it installs there).
  const described =
    ctx.namespaceNames().has(ns) ||
    services.some((s) => !isInstalled(s) || !isAssumedDefault(s)) ||
    ctx.resourcesIn('ServiceEntry', ns, NETWORKING).length > 0 ||
    ctx.podsIn(ns).some((p) => !isInstalled(p.resource));
  // Nor is an installed Service evidence of a slip: the installation assumed is one profile's, and
  // another profile's component (istio-egressgateway) is two edits from it (istio-ingressgateway).
  // A Service whose namespace is given at apply time may be applied there: one slip from the host,
  // it is the evidence wherever this run placed it.
  if (!described) return host.includes('.') && misspeltNamespace(ctx, ns, name);
  return (
    nearMissAmong(services, name, workspaceServiceNames) ||
    nearMissAmong(ctx.resources('Service', ''), name, undecidedServiceNames) ||
    nearMissName(name, templated) ||
    // A Service an IstioOperator of the workspace installs is evidence too (a slip from the egress gateway
    // it enables), unless the host is a gateway of Istio's profiles, which may be
    // installed apart (istio-egressgateway is two edits from istio-ingressgateway).
    (!PROFILE_GATEWAYS.has(name) && nearMissAmong(services, name, operatorServiceNames))
  );
}

/**
 * The Service of `from`'s kustomize rendering that a cluster host names by a name kustomize's
 * namePrefix/nameSuffix renamed it from, where nothing else of the workspace could answer to that name
 * (rendered.ts, PlacedResource.vacated). kustomize renames only the references its name-reference rules
 * know (kustomize/names.ts): Istio hosts are none, so `kustomize build` leaves the host naming a Service
 * the rendering no longer has, and istioctl analyze of its output reports it.
 */
export function renamedService(
  ctx: AnalysisContext,
  host: string,
  from: WorkspaceResource,
): { service: WorkspaceResource; change: NameChange } | undefined {
  const svc = host.includes('*') ? undefined : serviceOfHost(host, from.ns, clusterDomain(ctx));
  if (!svc) return undefined;
  const { name, ns } = svc;
  const found = renamedFrom(ctx, 'Service', '', ns, name, from);
  return found && { service: found.resource, change: found.change };
}

/**
 * The object of `kind` in `ns` of `from`'s kustomize rendering that kustomize's namePrefix/nameSuffix
 * renamed from `name`, where nothing else of the workspace answers to that name (PlacedResource.vacated).
 */
function renamedFrom(
  ctx: AnalysisContext,
  kind: string,
  group: string,
  ns: string,
  name: string,
  from: WorkspaceResource,
): { resource: WorkspaceResource; change: NameChange } | undefined {
  const root = rootOf(from);
  if (!root) return undefined;
  for (const resource of ctx.resourcesIn(kind, ns, group)) {
    if (rootOf(resource) !== root) continue;
    const change = vacatedNames(resource).find((c) => c.from === name);
    if (change) return { resource, change };
  }
  return undefined;
}

/** The hint of a host renamedService proves missing: the Service kustomize renamed, and by what. */
export function renamedServiceHint(
  ctx: AnalysisContext,
  host: string,
  from: WorkspaceResource,
  refs = 'Istio hosts',
): ReportHint | undefined {
  const found = renamedService(ctx, host, from);
  return found && renameHint('Service', found.service, found.change, from, refs);
}

/**
 * The hint of a gateway reference left naming the Gateway `ns/name` kustomize renamed: its built-in
 * name-reference rules rewrite neither a VirtualService's gateways nor a Gateway API route's parentRefs
 * (a configurations file can). `group`: the Istio Gateway's, or the Gateway API's for a parentRef.
 */
export function renamedGatewayHint(
  ctx: AnalysisContext,
  gw: { ns: string; name: string },
  from: WorkspaceResource,
  group = NETWORKING,
): ReportHint | undefined {
  const found = renamedFrom(ctx, 'Gateway', group, gw.ns, gw.name, from);
  const refs = group === NETWORKING ? 'VirtualService gateways' : `${from.kind} parentRefs`;
  return found && renameHint('Gateway', found.resource, found.change, from, refs);
}

function renameHint(
  kind: string,
  resource: WorkspaceResource,
  change: NameChange,
  from: WorkspaceResource,
  refs: string,
): ReportHint {
  const by = [
    change.prefix && `namePrefix ${JSON.stringify(change.prefix)}`,
    change.suffix && `nameSuffix ${JSON.stringify(change.suffix)}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    text: `kustomize's ${by} renamed ${kind} ${change.from} to ${change.to}; it does not rewrite ${refs}`,
    related: [
      {
        resource,
        at: ['metadata', 'name'],
        message: `${kind} ${change.from}, renamed ${change.to} by ${shortPath(from.file.uri, change.kustomization)}`,
      },
    ],
  };
}

/** `to` without the directories it shares with `from` (`overlays/prod/kustomization.yaml`). */
function shortPath(from: string, to: string): string {
  const a = from.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return b.slice(i).join('/');
}

/**
 * A host whose namespace the workspace does not describe, but one slip from a namespace it does that
 * holds a Service of that very name (`api.webap-prod` beside Service `api` in `webapp-prod`): the
 * namespace is misspelt. Names differing only in digits (`team1`, `team2`) are numbered siblings, not slips.
 */
function misspeltNamespace(ctx: AnalysisContext, ns: string, name: string): boolean {
  return named(ctx.resources('Service', ''), name).some(
    (s) => s.nsKnown && !isInstalled(s) && namespaceSlip(ns, s.ns),
  );
}

/** `other` is one slip from `ns`, and no numbered sibling of it (team1, team2 differ in digits only). */
export function namespaceSlip(ns: string, other: string): boolean {
  return nearMissName(ns, [other]);
}

const entryHosts = (entries: readonly WorkspaceResource[]): string[] =>
  entries.flatMap((e) => arr(obj(e.value.spec).hosts).map(str));
const workspaceServiceNames = (services: readonly WorkspaceResource[]): string[] =>
  services.filter((s) => !isInstalled(s)).map((s) => s.name);
const operatorServiceNames = (services: readonly WorkspaceResource[]): string[] =>
  services.filter((s) => isInstalled(s) && !isAssumedDefault(s)).map((s) => s.name);
const undecidedServiceNames = (services: readonly WorkspaceResource[]): string[] =>
  services.filter((s) => !s.nsKnown && !isInstalled(s)).map((s) => s.name);

/** nearMissName over the names a list gives (`names`, taken once), memoised per list and name: asked per destination. */
function nearMissAmong(list: readonly WorkspaceResource[], name: string, names: NamesOf): boolean {
  let byNames = nearMissByList.get(list);
  if (!byNames) nearMissByList.set(list, (byNames = new Map<NamesOf, NearMisses>()));
  let memo = byNames.get(names);
  if (!memo) byNames.set(names, (memo = { names: names(list), known: new Map<string, boolean>() }));
  let hit = memo.known.get(name);
  if (hit === undefined) memo.known.set(name, (hit = nearMissName(name, memo.names)));
  return hit;
}
type NamesOf = (list: readonly WorkspaceResource[]) => string[];
interface NearMisses {
  names: readonly string[];
  known: Map<string, boolean>;
}
const nearMissByList = new WeakMap<readonly WorkspaceResource[], Map<NamesOf, NearMisses>>();

/**
 * Whether the workspace can prove a gateway `from` references missing: with the whole cluster always; otherwise no chart
 * could render one, no template names it, and the workspace defines the Gateways of that namespace (it holds at least one,
 * there by its manifest or kustomization, or applied with `from`):
 * a reference to another name there is a mistake, while a namespace whose gateways the workspace does
 * not define gets them from elsewhere (an installer, a chart, a remote kustomize base). A Gateway whose
 * name holds a placeholder (`<YOUR_NAMESPACE>-sentences`, `${USER}-gw`) may be the one referenced once
 * substituted: it proves nothing about a name it could become. A namespace one slip from where a Gateway of
 * that name is (and described by nothing) is a misspelt namespace, as a host's is (misspeltNamespace).
 */
export function canProveGatewayMissing(
  ctx: AnalysisContext,
  ns: string,
  name: string,
  from: WorkspaceResource,
): boolean {
  if (ctx.assumeComplete) return !ctx.releasedInto(ns);
  if (templateMayRender(ctx, 'Gateway', name)) return false;
  // Both lists are asked for (what the watch records), then scanned without copying: asked per reference.
  const lists = GATEWAY_GROUPS.map((g) => ctx.resourcesIn('Gateway', ns, g));
  if (lists.some((list) => list.some((r) => couldBecome(r.name, name)))) return false;
  // The Gateways that define the namespace's: those the workspace places there, or, placed there only by
  // this run, applied with the referrer (`kubectl apply -n` of one directory). One of another directory,
  // namespace given at apply time, may be applied to any namespace, or to another cluster.
  const defines = (r: WorkspaceResource) => r.name !== name && placedBeside(ctx, r, from);
  if (lists.some((list) => list.some(defines))) return true;
  // A Gateway whose namespace is given at apply time may be applied there: a name one slip from it is
  // a mistake wherever this run placed it.
  if (
    GATEWAY_GROUPS.some((g) =>
      ctx.resources('Gateway', g).some((r) => !r.nsKnown && r.name !== name && nearMissName(name, [r.name])),
    )
  )
    return true;
  // A namespace of no Gateway and no Namespace manifest, one slip from the namespace of a Gateway of that
  // very name (`istio-sytem/public-gateway` beside `istio-system/public-gateway`): the namespace is misspelt.
  return (
    !ctx.namespaceNames().has(ns) &&
    !ctx.decidedNamespaces().has(ns) &&
    misspeltGatewayNamespace(ctx, ns, name)
  );
}

/** A Gateway named `name` whose (decided) namespace is one slip from `ns`, numbered siblings apart. */
function misspeltGatewayNamespace(ctx: AnalysisContext, ns: string, name: string): boolean {
  return GATEWAY_GROUPS.some((g) =>
    named(ctx.resources('Gateway', g), name).some((r) => r.nsKnown && namespaceSlip(ns, r.ns)),
  );
}
const GATEWAY_GROUPS = [NETWORKING, GATEWAY_API];

/** The resources of `list` named `name`, in order: `list.filter((r) => r.name === name)` from an index per list. */
export function named<T extends WorkspaceResource>(list: readonly T[], name: string): readonly T[] {
  let index = byName.get(list) as Map<string, T[]> | undefined;
  if (!index) {
    index = new Map();
    for (const r of list) {
      const same = index.get(r.name);
      if (same) same.push(r);
      else index.set(r.name, [r]);
    }
    byName.set(list, index);
  }
  return index.get(name) ?? [];
}
// Lists are a workspace's index entries: the same array for every query of one placement.
const byName = new WeakMap<readonly WorkspaceResource[], Map<string, WorkspaceResource[]>>();

/** Resources with distinct identities (the same object written in several files counts once). */
export function distinctByName<T extends WorkspaceResource>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = `${r.kind}/${fullName(r)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
