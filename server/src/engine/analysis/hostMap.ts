// Istio's host map of analyzers (pkg/config/analysis/analyzers/util: InitServiceEntryHostMap,
// GetDestinationHost): every ServiceEntry host and Service by `scope/fqdn`, and what a destination host resolves to.
import type { AnalysisContext, WorkspaceResource } from './analyzer';
import { arr, num, obj, str, type Obj } from '../util/json';
import { NETWORKING } from './groups';
import {
  EXPORT_ALL,
  EXPORT_LOCAL,
  EXPORT_TO_ANNOTATION,
  clusterDomain,
  convertHostToFqdn,
  scopedFqdn,
} from './istio';

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

/**
 * The host map of one ServiceEntry or Service alone, as if no other declared hosts: what it answers for a
 * host. For the other definitions of an object, which the workspace's host map (one definition per object)
 * leaves out.
 */
export function singleHostMap(r: WorkspaceResource, domain: string): ReadonlyMap<string, HostTarget> {
  return single(r, domain).map;
}

/** A resource's own host map, and (once asked: fqdnsOf) its FQDNs and whether it holds a wildcard key. */
interface SingleMap {
  domain: string;
  map: ReadonlyMap<string, HostTarget>;
  fqdns?: { list: readonly string[]; wildcard: boolean };
}

function single(r: WorkspaceResource, domain: string): SingleMap {
  // Asked for every alternative at each port a route's host lacks: built once per resource.
  const known = singleMaps.get(r);
  if (known?.domain === domain) return known;
  const map = r.kind === 'Service' ? buildHostMap([], [r], domain) : buildHostMap([r], [], domain);
  const entry: SingleMap = { domain, map };
  singleMaps.set(r, entry);
  return entry;
}
const singleMaps = new WeakMap<WorkspaceResource, SingleMap>();

/**
 * The members of `list` (ServiceEntries or Services, each read alone: singleHostMap) whose host map could
 * answer `host` from `sourceNs`: those holding its FQDN, and those with a wildcard host. What
 * destinationHost would find in the others' maps is nothing, so only these need asking. Indexed once per
 * list and domain: asked at every port a route's host lacks.
 */
export function definitionsForHost(
  list: readonly WorkspaceResource[],
  sourceNs: string,
  host: string,
  domain: string,
): readonly WorkspaceResource[] {
  // A wildcard destination host is matched against every key (coveredBy): no index narrows it.
  if (host.startsWith('*')) return list;
  let index = hostIndexes.get(list);
  if (index?.domain !== domain) hostIndexes.set(list, (index = indexByFqdn(list, domain)));
  const fqdn = fqdnOfKey(scopedFqdn(EXPORT_ALL, sourceNs, host, domain));
  const exact = index.byFqdn.get(fqdn) ?? [];
  return index.wildcard.length === 0 ? exact : [...exact, ...index.wildcard];
}

interface HostIndex {
  domain: string;
  byFqdn: Map<string, WorkspaceResource[]>;
  wildcard: WorkspaceResource[];
}
const hostIndexes = new WeakMap<readonly WorkspaceResource[], HostIndex>();
const fqdnOfKey = (key: string): string => key.slice(key.indexOf('/') + 1);

function indexByFqdn(list: readonly WorkspaceResource[], domain: string): HostIndex {
  const index: HostIndex = { domain, byFqdn: new Map(), wildcard: [] };
  for (const r of list) {
    const { list: fqdns, wildcard } = fqdnsOf(r, domain);
    if (wildcard) index.wildcard.push(r);
    for (const fqdn of fqdns) {
      const at = index.byFqdn.get(fqdn);
      if (at) at.push(r);
      else index.byFqdn.set(fqdn, [r]);
    }
  }
  return index;
}

/**
 * The FQDNs of a resource's own host map, and whether it holds a wildcard key: kept with the map, as a
 * trial placement indexes its list anew, and most of its members are the base placement's objects.
 */
function fqdnsOf(r: WorkspaceResource, domain: string): { list: readonly string[]; wildcard: boolean } {
  const entry = single(r, domain);
  if (!entry.fqdns) {
    const keys = [...entry.map.keys()];
    const list = [...new Set(keys.filter((k) => !isWildcardKey(k)).map(fqdnOfKey))];
    entry.fqdns = { list, wildcard: keys.some(isWildcardKey) };
  }
  return entry.fqdns;
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
