// A VirtualService's route and mirror destinations, in Istio's order (pkg/config/analysis/analyzers/virtualservice:
// getRouteDestinations, getHTTPMirrorDestinations).
import type { PathSegment } from '../parse/nodes';
import type { WorkspaceResource } from './analyzer';
import { arr, isObj, obj, type Obj } from '../util/json';

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
