// Istio's shared analyzer utilities (pkg/config/analysis/analyzers/util), written for our workspace:
// full names, gateway names, host FQDNs and scopes for exportTo, the Service a host names. The host map is
// hostMap.ts, route destinations routeDestinations.ts, proofs that a reference is missing provenMissing.ts.
import type { AnalysisContext, WorkspaceResource } from './analyzer';
import { DEFAULT_DOMAIN_SUFFIX } from './hosts';
import { arr, obj, str } from '../util/json';

export { GATEWAY_API, NETWORKING, SECURITY, TELEMETRY } from './groups';

/**
 * Every definition of a kind's objects, as subjects of the checks of what each one references or of its
 * own content: on a partial workspace the alternatives too (tutorial steps side by side, or a copy per
 * environment, are each applied somewhere, so a misspelt host or a relative EnvoyFilter patch without
 * priority in any of them is a mistake). Conflicts between alternatives are never checked; with the whole
 * cluster (`--assume-complete`) only the definition the cluster holds.
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
/**
 * The other definitions of `r`'s object (same kind, namespace and name) on a partial workspace, any of which
 * the cluster may hold instead: a finding about the object must hold against each. None with the whole
 * cluster (`--assume-complete`), which holds the one analysis reads.
 */
export function otherDefinitions(ctx: AnalysisContext, r: WorkspaceResource): WorkspaceResource[] {
  if (ctx.assumeComplete) return [];
  return ctx.alternatives(r.kind, r.group).filter((a) => a.ns === r.ns && a.name === r.name);
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

/** The cluster domain from mesh config (Istio reads `clusterDomain` when set). */
export function clusterDomain(ctx: AnalysisContext): string {
  const d = str(ctx.meshConfig.clusterDomain);
  return d || DEFAULT_DOMAIN_SUFFIX;
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
