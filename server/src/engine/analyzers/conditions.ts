// conditions.ConditionAnalyzer (istio/istio pkg/config/analysis/analyzers/conditions/conditions.go):
// reports status conditions Istio considers negative (e.g. a Service not bound to its waypoint, a
// Gateway API route not accepted), plus an AuthorizationPolicy's WaypointAccepted=PartiallyInvalid.
// Without a cluster: it sees only the `status` written in the manifests (e.g. from `kubectl get -o yaml`);
// manifests as authored carry no status, so it is silent on them.
// Beyond istioctl (deliberate): a Gateway API route's status is derived from the manifests as istiod would
// write it (util/route-status.ts): a parentRef or backendRef the workspace proves missing (IST0101, as the
// VirtualService analyzers report a gateway or host), and a parent none of whose listeners admits the route
// (IST0171, Accepted=False NotAllowedByListeners), so a typo is reported before a cluster shows it; and an
// istio.io/use-waypoint label one slip from a waypoint of the workspace (IST0101, WaypointBound=False).
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { withDedup } from './util/dedup-reporter';
import { routeStatus } from './util/route-status';
import { waypointsNotFound } from './util/waypoint';
import { arr, isObj, toText, valueAt, type Obj } from '../util/json';

type Negatives = Readonly<Record<string, string>>;
const WAYPOINT: Negatives = { 'istio.io/WaypointBound': 'False' };
const GATEWAY_API: Negatives = { Accepted: 'False', Programmed: 'False', ResolvedRefs: 'False' };

/** Kinds checked, where their conditions live, and the status that is negative per condition type. */
const TARGETS: readonly { kind: string; group: string; negatives: Negatives; routeParents?: boolean }[] = [
  { kind: 'Service', group: '', negatives: WAYPOINT },
  { kind: 'ServiceEntry', group: 'networking.istio.io', negatives: WAYPOINT },
  { kind: 'WorkloadEntry', group: 'networking.istio.io', negatives: WAYPOINT },
  {
    kind: 'AuthorizationPolicy',
    group: 'security.istio.io',
    negatives: { ZtunnelAccepted: 'False', WaypointAccepted: 'False' },
  },
  { kind: 'Gateway', group: 'gateway.networking.k8s.io', negatives: GATEWAY_API },
  { kind: 'HTTPRoute', group: 'gateway.networking.k8s.io', negatives: GATEWAY_API, routeParents: true },
  { kind: 'GRPCRoute', group: 'gateway.networking.k8s.io', negatives: GATEWAY_API, routeParents: true },
];

interface Located {
  cond: Obj;
  at: PathSegment[];
}

function conditionsOf(r: WorkspaceResource, routeParents: boolean): Located[] {
  const status = valueAt(r.value, 'status');
  if (!isObj(status)) return [];
  const list = (v: unknown, base: PathSegment[]): Located[] =>
    arr(v).flatMap((c, i) => (isObj(c) ? [{ cond: c, at: [...base, i] }] : []));
  if (!routeParents) return list(status.conditions, ['status', 'conditions']);
  return arr(status.parents).flatMap((p, i) =>
    list(valueAt(p, 'conditions'), ['status', 'parents', i, 'conditions']),
  );
}

/** metav1.ConditionStatus as text (an unquoted YAML 1.1 `False` reads as a boolean). */
const statusText = (v: unknown): string =>
  typeof v === 'boolean' ? (v ? 'True' : 'False') : toText(v ?? '');
const text = (v: unknown): string => (v == null ? '' : toText(v));

function report(ctx: AnalysisContext, r: WorkspaceResource, c: Located): void {
  ctx.report('IST0171', r, [text(c.cond.type), text(c.cond.reason), text(c.cond.message)], [...c.at, 'type']);
}

export const conditionsAnalyzer: Analyzer = {
  meta: {
    name: 'conditions.ConditionAnalyzer',
    description: 'Checks for negative status conditions on resources',
    codes: ['IST0171', 'IST0101'],
    inputs: [
      'Service',
      'Namespace',
      'TCPRoute',
      'TLSRoute',
      'UDPRoute',
      'ServiceEntry',
      'WorkloadEntry',
      'AuthorizationPolicy',
      'KubernetesGateway',
      'HTTPRoute',
      'GRPCRoute',
    ],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    for (const t of TARGETS) {
      for (const r of ctx.resources(t.kind, t.group)) {
        for (const c of conditionsOf(r, !!t.routeParents)) {
          const type = text(c.cond.type);
          if (
            Object.prototype.hasOwnProperty.call(t.negatives, type) &&
            t.negatives[type] === statusText(c.cond.status)
          )
            report(ctx, r, c);
          // A waypoint that accepted only part of a policy says so with status True.
          if (
            t.kind === 'AuthorizationPolicy' &&
            type === 'WaypointAccepted' &&
            c.cond.reason === 'PartiallyInvalid'
          )
            report(ctx, r, c);
        }
      }
    }
    routeStatus(ctx);
    waypointsNotFound(ctx);
  },
};
