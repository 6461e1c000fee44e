// A policy's targetRef(s) (AuthorizationPolicy and the other policies of ambient and Gateway API).
import type { AnalysisContext, WorkspaceResource } from '../../analysis/analyzer';
import { isInstalled } from '../../analysis/installed';
import { GATEWAY_API } from '../../analysis/istio';
import { nearMissName, placeableIn, templateMayRender } from '../../analysis/nearMiss';
import type { PathSegment } from '../../parse/nodes';
import { arr, obj, str, valueAt, type Obj } from '../../util/json';
import { isPlaceholder } from '../../util/placeholder';

/**
 * The policy's `targetRefs`, else its one `targetRef`, each with its path; null when it has neither
 * (the webhook refuses both at once: `targetRefs` is read first, as here).
 */
export function policyTargetRefs(spec: Obj): { ref: Obj; at: PathSegment[] }[] | null {
  if (spec.targetRefs != null)
    return arr(spec.targetRefs).map((r, i) => ({ ref: obj(r), at: ['spec', 'targetRefs', i] }));
  if (spec.targetRef != null) return [{ ref: obj(spec.targetRef), at: ['spec', 'targetRef'] }];
  return null;
}

/** The kinds a policy's targetRef names, by `kind` and `group`, with the API group they are looked up in. */
export const TARGET_KINDS: Readonly<Record<string, string>> = {
  'Service/': '',
  'ServiceEntry/networking.istio.io': 'networking.istio.io',
  [`Gateway/${GATEWAY_API}`]: GATEWAY_API,
};

/**
 * Beyond istioctl (which reads a targetRefs policy as selector-less): a targetRef of a policy
 * (AuthorizationPolicy, Telemetry) naming a Service, ServiceEntry or Gateway API Gateway (a waypoint) of the policy's namespace that does not exist attaches
 * the policy to nothing. Reported only when the name is one slip from one of that kind the workspace holds
 * there (or whose namespace is given at apply time), with the whole cluster too: targets are often made
 * apart (`istioctl waypoint apply`, a chart), and istioctl's own cases expect nothing here.
 */
export function targetsNotFound(ctx: AnalysisContext, ap: WorkspaceResource): void {
  const spec = obj(valueAt(ap.value, 'spec'));
  for (const { ref, at } of policyTargetRefs(spec) ?? []) {
    const kind = str(ref.kind);
    const group = TARGET_KINDS[`${kind}/${str(ref.group)}`];
    const name = str(ref.name);
    if (group === undefined || name === '' || isPlaceholder(name, { wordsAllowed: false })) continue;
    if (ref.namespace != null && str(ref.namespace) !== ap.ns) continue;
    if (ctx.find(kind, ap.ns, name, group) || templateMayRender(ctx, kind, name)) continue;
    const candidates = placeableIn(ctx, kind, ap.ns, group)
      .filter((r) => !isInstalled(r))
      .map((r) => r.name);
    if (nearMissName(name, candidates))
      ctx.report('IST0101', ap, [kind.toLowerCase(), name], [...at, 'name']);
  }
}
