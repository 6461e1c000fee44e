// The waypoint a Service or ServiceEntry is bound to, as istiod binds it (ambient): its own
// istio.io/use-waypoint label, else its Namespace manifest's (`none` opts out), naming a Gateway API
// Gateway of the namespace istio.io/use-waypoint-namespace gives (by default its own). A gateway's or
// waypoint's own Service is bound to none.
import type { AnalysisContext, WorkspaceResource } from '../../analysis/analyzer';
import { GATEWAY_API } from '../../analysis/istio';
import { namespaceManifest } from './mesh-membership';
import { MANAGED_LABEL } from '../../analysis/gatewayController';
import { nearMissName, placeableIn, templateMayRender } from '../../analysis/nearMiss';
import { isPlaceholder } from '../../util/placeholder';

export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';

/** The waypoint Gateway of the workspace the resource's traffic goes through, if the workspace holds it. */
export function boundWaypoint(ctx: AnalysisContext, r: WorkspaceResource): WorkspaceResource | undefined {
  if (isGatewayService(r)) return undefined;
  const own = r.labels[USE_WAYPOINT];
  const labels = own !== undefined ? r.labels : (namespaceManifest(ctx, r.ns)?.labels ?? {});
  const name = labels[USE_WAYPOINT];
  if (!name || name === 'none') return undefined;
  return ctx.find('Gateway', labels[USE_WAYPOINT_NAMESPACE] || r.ns, name, GATEWAY_API);
}

/** A Service Istio's controllers deploy for a gateway or waypoint: its traffic goes through no waypoint. */
export const isGatewayService = (r: WorkspaceResource): boolean => r.labels[MANAGED_LABEL] !== undefined;

/** What a `istio.io/use-waypoint` label binds: the namespace, its Services and ServiceEntries. */
const BINDING_KINDS: readonly { kind: string; group: string }[] = [
  { kind: 'Namespace', group: '' },
  { kind: 'Service', group: '' },
  { kind: 'ServiceEntry', group: 'networking.istio.io' },
];

/**
 * A `istio.io/use-waypoint` label naming a waypoint that does not exist binds its traffic to nothing (istiod
 * writes WaypointBound=False): IST0101, on the label. Proven only by a slip from a Gateway API Gateway of
 * the waypoint's namespace (or one whose namespace is given at apply time), with the whole cluster too:
 * waypoints are often made apart (`istioctl waypoint apply`).
 */
export function waypointsNotFound(ctx: AnalysisContext): void {
  for (const { kind, group } of BINDING_KINDS)
    ctx.eachSubject(ctx.resources(kind, group), (r) => {
      const name = r.labels[USE_WAYPOINT];
      if (!name || name === 'none' || isPlaceholder(name, { wordsAllowed: false })) return;
      const ns = r.labels[USE_WAYPOINT_NAMESPACE] || (kind === 'Namespace' ? r.name : r.ns);
      if (ctx.find('Gateway', ns, name, GATEWAY_API) || templateMayRender(ctx, 'Gateway', name)) return;
      const candidates = placeableIn(ctx, 'Gateway', ns, GATEWAY_API).map((g) => g.name);
      if (nearMissName(name, candidates))
        ctx.report('IST0101', r, ['waypoint', `${ns}/${name}`], ['metadata', 'labels', USE_WAYPOINT]);
    });
}
