// virtualservice.DestinationRuleAnalyzer: a route/mirror destination naming a subset needs a
// DestinationRule for that host that defines the subset.
//
// Difference from istioctl (deliberate): on a partial workspace, a subset that any definition of the
// DestinationRule declares counts (tutorial steps side by side: which one the cluster holds is
// unknown, so the absence is not proven). `--assume-complete` reads only the definition that wins.
// And a host for which the workspace holds no DestinationRule at all has its subsets defined elsewhere
// (another repository, a chart, a platform team's rules), unless a DestinationRule of that namespace
// names a host a slip away from it (nearMiss.ts): then the rule meant for it is misnamed. Every
// definition of a VirtualService is checked, not only the one analysis reads (each is applied at some step).
// Such a DestinationRule is evidence only when it is placed by its own manifest or kustomization, or
// applied with the VirtualService (one directory tree or rendering, applyUnits.ts): another demo's
// namespace-less rule for a host of the same name is there only because this run placed both so.
import type { Analyzer, AnalysisContext, WorkspaceResource } from '../analysis/analyzer';
import { NETWORKING, convertHostToFqdn, everyDefinition, resourceNameFromHost } from '../analysis/istio';
import { httpMirrorDestinations, routeDestinations } from '../analysis/routeDestinations';
import { nearMissName } from '../analysis/nearMiss';
import { placedBeside } from '../analysis/applyUnits';
import { arr, obj, str, type Obj } from '../util/json';

export const destinationRuleAnalyzer: Analyzer = {
  meta: {
    name: 'virtualservice.DestinationRuleAnalyzer',
    description: 'Checks the destination rules associated with each virtual service',
    codes: ['IST0101'],
    inputs: ['VirtualService', 'DestinationRule'],
    inAll: true,
  },
  analyze(ctx) {
    const known = hostsAndSubsets(ctx);
    ctx.eachSubject(everyDefinition(ctx, 'VirtualService', NETWORKING), (r) => {
      const provable = (dest: Obj): boolean => ctx.assumeComplete || canProveRuleMissing(ctx, r, dest, known);
      // Istio names the destination kind in the message: a route's host, or a mirror's.
      const destinations = [
        ...routeDestinations(r).map((d) => ({ ...d, what: 'host' })),
        ...httpMirrorDestinations(r).map((d) => ({ ...d, what: 'mirror' })),
      ];
      for (const { destination, path, what } of destinations)
        if (!hasSubset(r, destination, known) && provable(destination))
          ctx.report(
            'IST0101',
            r,
            [`${what}+subset in destinationrule`, `${str(destination.host)}+${str(destination.subset)}`],
            [...path, 'subset'],
          );
    });
  },
};

const key = (n: { ns: string; name: string }, subset: string): string => `${n.ns}/${n.name}\u0000${subset}`;

interface Known {
  /** `key(host, subset)` of every subset declared. */
  subsets: Set<string>;
  /** Per namespace, the short names of the hosts DestinationRules are written for, and the rules. */
  hosts: Map<string, Map<string, WorkspaceResource[]>>;
}

function hasSubset(vs: WorkspaceResource, dest: Obj, known: Known): boolean {
  const subset = str(dest.subset);
  if (subset === '') return true;
  return known.subsets.has(key(resourceNameFromHost(vs.ns, str(dest.host)), subset));
}

/**
 * A DestinationRule of the workspace is for this host, or for a host a slip away from it, and is the rule
 * `vs` is applied beside: its namespace written in it, or applied with `vs`.
 */
function canProveRuleMissing(ctx: AnalysisContext, vs: WorkspaceResource, dest: Obj, known: Known): boolean {
  const { ns, name } = resourceNameFromHost(vs.ns, convertHostToFqdn(vs.ns, str(dest.host)));
  const hosts = known.hosts.get(ns);
  if (!hosts) return false;
  const beside = (rules: readonly WorkspaceResource[]) => rules.some((dr) => placedBeside(ctx, dr, vs));
  if (hosts.has(name)) return beside(hosts.get(name)!);
  return nearMissName(
    name,
    [...hosts].filter(([, rules]) => beside(rules)).map(([host]) => host),
  );
}

/** Subsets of every DestinationRule; on a partial workspace, of every definition of one (alternatives). */
function hostsAndSubsets(ctx: AnalysisContext): Known {
  const known: Known = { subsets: new Set(), hosts: new Map() };
  const rules = ctx.resources('DestinationRule', NETWORKING);
  const alternatives = ctx.assumeComplete ? [] : ctx.alternatives('DestinationRule', NETWORKING);
  for (const r of [...rules, ...alternatives]) {
    const spec = obj(r.value.spec);
    const host = resourceNameFromHost(r.ns, convertHostToFqdn(r.ns, str(spec.host)));
    let names = known.hosts.get(host.ns);
    if (!names) known.hosts.set(host.ns, (names = new Map<string, WorkspaceResource[]>()));
    const rules = names.get(host.name);
    if (rules) rules.push(r);
    else names.set(host.name, [r]);
    for (const ss of arr(spec.subsets)) known.subsets.add(key(host, str(obj(ss).name)));
  }
  return known;
}
