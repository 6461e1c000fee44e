// Whether the workspace can prove a destination host or a gateway reference missing: with the whole cluster,
// or by a near miss (nearMiss.ts), a misspelt namespace, or a name kustomize renamed (renamedByKustomize.ts).
import type { AnalysisContext, WorkspaceResource } from './analyzer';
import { isAssumedDefault, isInstalled } from './installed';
import { PROFILE_GATEWAYS } from './istioOperator';
import { arr, obj, str } from '../util/json';
import { nearMissName, templateMayRender } from './nearMiss';
import { couldBecome } from '../util/placeholder';
import { presentTogether } from './applyUnits';
import { GATEWAY_API, NETWORKING } from './groups';
import { clusterDomain, named, serviceOfHost } from './istio';
import { renamedService } from './renamedByKustomize';

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
 * Nor is one gateway of Istio's profiles a slip of another (nearMiss.ts): istio-egressgateway beside a
 * rendered istio-ingressgateway is a component a profile or chart installs apart.
 * Nor is a slip the only proof: a host of `from`'s kustomize rendering that names a Service of that
 * rendering by the name kustomize renamed it from (renamedService) routes to nothing; nor does a short
 * host whose Service `from`'s own apply puts in another namespace (serviceAppliedElsewhere).
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
  if (from && serviceAppliedElsewhere(ctx, host, from)) return true;
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
 * could render one, no template names it, nothing the workspace cannot read renders into that namespace (a chart a
 * GitOps object installs or a kustomization inflates, a remote kustomize base: releasedInto), and the workspace
 * defines the Gateways of that namespace (it holds at least one,
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
  // A chart installed or inflated there, or a remote kustomize base rendered there, may hold Gateways of
  // that namespace the workspace cannot read: its Gateways are not the namespace's whole set.
  if (templateMayRender(ctx, 'Gateway', name) || ctx.releasedInto(ns)) return false;
  // Both lists are asked for (what the watch records), then scanned without copying: asked per reference.
  const lists = GATEWAY_GROUPS.map((g) => ctx.resourcesIn('Gateway', ns, g));
  if (lists.some((list) => list.some((r) => couldBecome(r.name, name)))) return false;
  // The Gateways that define the namespace's: those the workspace places there, or, placed there only by
  // this run, applied with the referrer (`kubectl apply -n` of one directory). One of another directory,
  // namespace given at apply time, may be applied to any namespace, or to another cluster. Nor does one of
  // another step file of a directory applied a file at a time (stepDirectories.ts): each step adds to what
  // the cluster holds (a sample's Gateway applied before the steps), so its Gateway is not the namespace's set.
  // (Present together implies applied together: placedBeside's own test.)
  const defines = (r: WorkspaceResource) => r.name !== name && (r.nsKnown || presentTogether(ctx, r, from));
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

/**
 * A Gateway named `name` that the referrer's own apply puts in another namespace, when the reference names
 * none (a VirtualService's `gateways: [web-gateway]`, an HTTPRoute's parentRef without `namespace`): the
 * name is looked up in the referrer's namespace, where the workspace shows none, so the namespace was left
 * out. Both namespaces must be written in the manifests, the two present together (one apply), and nothing
 * the workspace cannot read (a chart, a remote base, a release) may render a Gateway of that name in the
 * referrer's namespace. The caller has found no Gateway of that name there.
 */
export function gatewayAppliedElsewhere(
  ctx: AnalysisContext,
  name: string,
  from: WorkspaceResource,
  group: string,
): WorkspaceResource | undefined {
  if (!from.nsKnown) return undefined;
  if (templateMayRender(ctx, 'Gateway', name) || ctx.releasedInto(from.ns)) return undefined;
  return ctx
    .resources('Gateway', group)
    .find((g) => g.name === name && g.nsKnown && g.ns !== from.ns && presentTogether(ctx, g, from));
}

/**
 * The Service a short host (`backend`, no namespace) names, which the referrer's own apply puts in another
 * namespace (a VirtualService of istio-system routing to `backend`, applied with the Service app/backend):
 * the host is looked up in the referrer's namespace, where the workspace shows none, so the namespace was
 * left out, when the workspace puts no Service of its own in the referrer's namespace. Under
 * gatewayAppliedElsewhere's proof: both namespaces written, one apply, nothing unread
 * (a release) that may put a Service of that name in the referrer's namespace; the caller has ruled out a
 * chart or template that may render one, and found none there.
 */
export function serviceAppliedElsewhere(
  ctx: AnalysisContext,
  host: string,
  from: WorkspaceResource,
): WorkspaceResource | undefined {
  if (host.includes('.') || !from.nsKnown || ctx.releasedInto(from.ns)) return undefined;
  // Services of the workspace in the referrer's namespace make a slip the likelier story (cart beside
  // carts): the near-miss proof judges those, not this one.
  if (ctx.resourcesIn('Service', from.ns, '').some((s) => !isInstalled(s))) return undefined;
  return named(ctx.resources('Service', ''), host).find(
    (s) => s.nsKnown && s.ns !== from.ns && presentTogether(ctx, s, from),
  );
}
