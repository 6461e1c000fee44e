// gateway.ConflictingGatewayAnalyzer: two Gateways whose selectors reach the same pods and that
// serve the same host on the same port (and bind address) conflict.
// Difference from istioctl (deliberate): two Gateways of unrelated directories (separate demos of one
// repository, applied apart, even when both say `namespace: istio-system`) do not conflict unless one
// kustomize rendering joins them or the inputs are the whole cluster (analysis/applyUnits.ts).
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
// Nor two Gateways with distinct hosts, when one has several servers on the port (checkDuplicates).
import type { Analyzer, AnalysisContext, WorkspaceResource } from '../analysis/analyzer';
import { NETWORKING } from '../analysis/istio';
import { isInstalled } from '../analysis/installed';
import { selectorMatches, selectorString } from '../analysis/labels';
import { arr, num, obj, str } from '../util/json';
import { gatewaySelector, selectorPath } from './gateway-util';
import { presentTogether } from '../analysis/applyUnits';

/** The `bind host` pairs a gateway serves, per gateway, per `selector~port`. */
type HostsBind = Set<string>;
const hostBind = (host: string, bind: string): string => `${bind} ${host}`;
type GatewaysMap = Map<string, Map<string, HostsBind>>;

export const conflictingGatewayAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.ConflictingGatewayAnalyzer',
    description: "Checks a gateway's selector, port number and hosts",
    codes: ['IST0101', 'IST0145'],
    inputs: ['Gateway', 'Pod'],
    inAll: true,
  },
  analyze(ctx) {
    const map = gatewaysMap(ctx);
    // The `selector~port` entries a selector reaches, once per selector: gateways repeat selectors.
    const hits = new Map<string, Hits>();
    const gateways = ctx.resources('Gateway', NETWORKING);
    // Names are compared (and reported) only: ctx.identity, so that trials run where an equality may change.
    const byName = new Map(gateways.map((gw) => [ctx.identity(gw), gw]));
    for (const gw of gateways) analyzeGateway(ctx, gw, map, hits, byName);
  },
};

const portOf = (server: unknown): string => String(num(obj(obj(server).port).number) ?? 0);

function gatewaysMap(ctx: AnalysisContext): GatewaysMap {
  const out: GatewaysMap = new Map();
  for (const gw of ctx.resources('Gateway', NETWORKING)) {
    const sel = selectorString(gatewaySelector(gw));
    for (const server of arr(obj(gw.value.spec).servers)) {
      const key = `${sel}~${portOf(server)}`;
      const byGw = out.get(key) ?? new Map<string, HostsBind>();
      out.set(key, byGw);
      // Every server of the gateway on that port counts (Istio keeps the last one's hosts only).
      const hb: HostsBind = byGw.get(ctx.identity(gw)) ?? new Set();
      for (const h of arr(obj(server).hosts)) hb.add(hostBind(str(h), str(obj(server).bind)));
      byGw.set(ctx.identity(gw), hb);
    }
  }
  return out;
}

function parseSelector(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of s.split(',')) {
    const kv = pair.split('=');
    if (kv.length === 2) out[kv[0]] = kv[1];
  }
  return out;
}

type Hits = Map<string, Map<string, HostsBind>>;

function analyzeGateway(
  ctx: AnalysisContext,
  gw: WorkspaceResource,
  map: GatewaysMap,
  hits: Map<string, Hits>,
  byName: ReadonlyMap<string, WorkspaceResource>,
): void {
  const selector = gatewaySelector(gw);
  const sel = selectorString(selector);
  const name = ctx.identity(gw);
  let hit = hits.get(sel);
  if (!hit) hits.set(sel, (hit = entriesReached(ctx, selector, sel, map)));
  if (sel !== '' && hit.size === 0) {
    // A chart a GitOps object installs may run the gateway (its pods are unknown, not absent).
    if (!(ctx.assumeComplete && ctx.releasedInto()))
      ctx.report('IST0101', gw, ['selector', sel], selectorPath(selector));
    return;
  }
  arr(obj(gw.value.spec).servers).forEach((server, i) => {
    const port = portOf(server);
    const hosts = arr(obj(server).hosts).map(str);
    const bind = str(obj(server).bind);
    const conflicts: string[] = [];
    for (const [key, byGw] of hit) {
      if (key.slice(key.lastIndexOf('~') + 1) !== port) continue;
      for (const [other, hostsBind] of byGw) {
        if (other === name || !checkDuplicates(hosts, bind, hostsBind)) continue;
        const o = byName.get(other);
        if (!o || presentTogether(ctx, gw, o)) conflicts.push(other);
      }
    }
    if (conflicts.length > 0) {
      conflicts.sort();
      ctx.report(
        'IST0145',
        gw,
        [conflicts.join(','), sel, port, hosts.join(',')],
        ['spec', 'servers', i, 'hosts'],
      );
    }
  });
}

/** The map entries whose selector is this one, or overlaps it textually and shares a pod with it. */
function entriesReached(
  ctx: AnalysisContext,
  selector: ReturnType<typeof gatewaySelector>,
  sel: string,
  map: GatewaysMap,
): Hits {
  const hit: Hits = new Map();
  for (const [key, byGw] of map) {
    const xSel = key.slice(0, key.lastIndexOf('~'));
    let matched = sel === xSel;
    if (!matched && (xSel.includes(sel) || sel.includes(xSel))) {
      // Selectors that overlap textually conflict only if some pod of the workspace carries both (the
      // assumed installation keeps references from being reported missing; it is no evidence of a conflict).
      const x = parseSelector(xSel);
      matched = ctx
        .pods()
        .some(
          (p) =>
            !isInstalled(p.resource) && selectorMatches(selector, p.labels) && selectorMatches(x, p.labels),
        );
    }
    if (matched) hit.set(key, byGw);
  }
  return hit;
}

/**
 * Whether the other Gateway serves one of these hosts with the same bind on that port. Istio's analyzer
 * asks model.CheckDuplicates, which adds the hosts it found no duplicate for to the other Gateway's set:
 * a Gateway with two servers on one port (HTTP and HTTP2 on 80, as JHipster writes them) then conflicts
 * with every Gateway on that port, whatever their hosts. Servers of one port are merged by host
 * (model.MergeGateways): distinct hosts never collide, so the set is only read here.
 */
function checkDuplicates(hosts: string[], bind: string, known: HostsBind): boolean {
  return hosts.some((h) => known.has(hostBind(h, bind)));
}
