// virtualservice.DestinationRuleAnalyzer: a route/mirror destination naming a subset needs a
// DestinationRule for that host that defines the subset.
//
// Difference from istioctl (deliberate): on a partial workspace, a subset that any definition of the
// DestinationRule declares counts (tutorial steps side by side: which one the cluster holds is
// unknown, so the absence is not proven). `--assume-complete` reads only the definition that wins.
import type { Analyzer, AnalysisContext, WorkspaceResource } from '../analysis/analyzer';
import {
  NETWORKING,
  convertHostToFqdn,
  httpMirrorDestinations,
  resourceNameFromHost,
  routeDestinations,
} from '../analysis/istio';
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
    ctx.eachSubject(ctx.resources('VirtualService', NETWORKING), (r) => {
      // Istio names the destination kind in the message: a route's host, or a mirror's.
      const destinations = [
        ...routeDestinations(r).map((d) => ({ ...d, what: 'host' })),
        ...httpMirrorDestinations(r).map((d) => ({ ...d, what: 'mirror' })),
      ];
      for (const { destination, path, what } of destinations)
        if (!hasSubset(r, destination, known))
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

function hasSubset(vs: WorkspaceResource, dest: Obj, known: Set<string>): boolean {
  const subset = str(dest.subset);
  if (subset === '') return true;
  return known.has(key(resourceNameFromHost(vs.ns, str(dest.host)), subset));
}

/** Subsets of every DestinationRule; on a partial workspace, of every definition of one (alternatives). */
function hostsAndSubsets(ctx: AnalysisContext): Set<string> {
  const out = new Set<string>();
  const rules = ctx.resources('DestinationRule', NETWORKING);
  const alternatives = ctx.assumeComplete ? [] : ctx.alternatives('DestinationRule', NETWORKING);
  for (const r of [...rules, ...alternatives]) {
    const spec = obj(r.value.spec);
    const host = convertHostToFqdn(r.ns, str(spec.host));
    for (const ss of arr(spec.subsets)) out.add(key(resourceNameFromHost(r.ns, host), str(obj(ss).name)));
  }
  return out;
}
