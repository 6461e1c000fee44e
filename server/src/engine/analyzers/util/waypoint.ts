// The waypoint a Service or ServiceEntry is bound to, as istiod binds it (ambient): its own
// istio.io/use-waypoint label, else its Namespace manifest's (`none` opts out), naming a Gateway API
// Gateway of the namespace istio.io/use-waypoint-namespace gives (by default its own). A gateway's or
// waypoint's own Service is bound to none.
import type { AnalysisContext, WorkspaceResource } from '../../analysis/analyzer';
import { GATEWAY_API } from '../../analysis/istio';
import { namespaceManifest } from './mesh-membership';
import { MANAGED_LABEL } from '../../analysis/gatewayController';

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
