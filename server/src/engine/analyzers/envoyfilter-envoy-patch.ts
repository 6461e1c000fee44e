// envoyfilter.EnvoyPatchAnalyzer (istio/istio pkg/config/analysis/analyzers/envoyfilter/envoyfilter.go):
// patch operations that are ignored for their applyTo (IST0152-0154), and relative operations in a
// filter without priority (IST0151), worse when an earlier patch of the same name pins proxyVersion (IST0155).
// Without a cluster: nothing is missed; it reads EnvoyFilter manifests only (in workspace order,
// which decides which of two same-named patches counts as "earlier").
// Beyond istioctl, which keeps the last of several definitions of one filter: each copy (a directory per
// environment) is checked, as each is applied somewhere (everyDefinition). A copy never shares the cluster
// with another copy of its object: a patch pinned in one is no earlier patch for the other (IST0155 needs
// a pin in the same definition or in another filter).
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { NETWORKING, everyDefinition } from '../analysis/istio';
import { withDedup } from './util/dedup-reporter';
import { arr, asNumber, isObj, valueAt, type Obj } from '../util/json';

const ROUTE_LEVEL = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
// Where REPLACE applies (VIRTUAL_HOST since istio/istio#59495).
const REPLACEABLE = new Set(['NETWORK_FILTER', 'HTTP_FILTER', 'VIRTUAL_HOST']);

export const envoyFilterEnvoyPatchAnalyzer: Analyzer = {
  meta: {
    name: 'envoyfilter.EnvoyPatchAnalyzer',
    description: 'Checks an envoyFilters ',
    codes: ['IST0151', 'IST0152', 'IST0153', 'IST0154', 'IST0155'],
    inputs: ['EnvoyFilter'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    // Patches that set match.proxy.proxyVersion, across the filters seen so far.
    const versionPinned: Pinned[] = [];
    for (const ef of everyDefinition(ctx, 'EnvoyFilter', NETWORKING)) analyzeFilter(ctx, ef, versionPinned);
  },
};

/** A patch's instance name and the definition it was written in. */
interface Pinned {
  readonly name: string;
  readonly filter: WorkspaceResource;
}

/** Whether `p` is held with `ef` in a cluster: written in it, or in another object (not another copy of it). */
const heldWith = (p: Pinned, ef: WorkspaceResource) =>
  p.filter === ef || p.filter.ns !== ef.ns || p.filter.name !== ef.name;

function analyzeFilter(ctx: AnalysisContext, ef: WorkspaceResource, versionPinned: Pinned[]): void {
  const patches: unknown[] = arr(valueAt(ef.value, 'spec', 'configPatches'));
  const priority = asNumber(valueAt(ef.value, 'spec', 'priority')) ?? 0;
  for (let index = 0; index < patches.length; index++) {
    const cp = patches[index];
    const patch = valueAt(cp, 'patch');
    if (!isObj(cp) || !patch || typeof patch !== 'object') break; // Istio stops at the first patch-less entry
    const at: PathSegment[] = ['spec', 'configPatches', index, 'patch', 'operation'];
    const name = instanceName(cp);
    const applyTo = typeof cp.applyTo === 'string' ? cp.applyTo : '';
    const relative = () => {
      if (priority !== 0) return;
      const pinned = versionPinned.some((p) => p.name === name && heldWith(p, ef));
      ctx.report(pinned ? 'IST0155' : 'IST0151', ef, [], at);
    };
    switch (valueAt(patch, 'operation')) {
      case 'ADD':
        if (ROUTE_LEVEL.has(applyTo)) ctx.report('IST0153', ef, [], at);
        break;
      case 'REMOVE':
        if (ROUTE_LEVEL.has(applyTo)) ctx.report('IST0154', ef, [], at);
        else relative();
        break;
      case 'REPLACE':
        if (!REPLACEABLE.has(applyTo)) ctx.report('IST0152', ef, [], at);
        else relative();
        break;
      case 'INSERT_BEFORE':
      case 'INSERT_AFTER':
        relative();
        break;
    }
    const proxyVersion = valueAt(cp, 'match', 'proxy', 'proxyVersion');
    if (typeof proxyVersion === 'string' && proxyVersion !== '') versionPinned.push({ name, filter: ef });
  }
}

/**
 * The name Istio compares patches by: the patch value's `name` (as a protobuf Value, so it never
 * equals a plain string), else the listener filter-chain filter name; '' when neither applies.
 */
function instanceName(cp: Obj): string {
  const value = valueAt(cp, 'patch', 'value');
  if (!isObj(value) || Object.keys(value).length === 0) return '';
  if (value.name != null) return `value:${JSON.stringify(value.name)}`;
  const filterName = valueAt(cp, 'match', 'listener', 'filterChain', 'filter', 'name');
  return typeof filterName === 'string' ? filterName : '';
}
