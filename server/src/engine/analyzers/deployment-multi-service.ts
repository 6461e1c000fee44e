// deployment.MultiServiceAnalyzer (istio/istio pkg/config/analysis/analyzers/deployment/services.go):
// for an in-mesh Deployment, the Services selecting its pods must not use one port number with
// different protocols (IST0116) nor one targetPort behind different ports (IST0137).
// Without a cluster: the Deployment's mesh membership uses its Namespace's istio-injection label only
// when the Namespace is a manifest of the workspace; Services outside the workspace are not seen.
// Difference from istioctl (deliberate): two Services conflict only when applied together (one directory
// tree or kustomize rendering, analysis/applyUnits.ts), as for every conflict between two resources: the
// Services of another demo, or another version of the directory, selecting the same app are applied apart.
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { selectorMatches, stringRecord } from '../analysis/labels';
import { containersOf, inMesh } from './util/mesh-membership';
import { withDedup } from './util/dedup-reporter';
import { presentWith } from '../analysis/applyUnits';
import { objs, toText, valueAt, type Obj } from '../util/json';

const WAYPOINT_LABEL = 'gateway.istio.io/managed';
const WAYPOINT_CONTROLLER = 'istio.io-mesh-controller';

interface MatchedService {
  name: string;
  ports: Obj[];
  resource: WorkspaceResource;
}

export const deploymentMultiServiceAnalyzer: Analyzer = {
  meta: {
    name: 'deployment.MultiServiceAnalyzer',
    description: 'Checks association between services and pods',
    codes: ['IST0116', 'IST0137'],
    inputs: ['Service', 'Deployment', 'Namespace'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    // Services by namespace (an index): matching stays linear in the workspace (not Deployments × Services).
    ctx.eachSubject(ctx.resources('Deployment', 'apps'), (d) => {
      if (d.labels[WAYPOINT_LABEL] === WAYPOINT_CONTROLLER) return;
      const tpl = valueAt(d.value, 'spec', 'template');
      const labels = stringRecord(valueAt(tpl, 'metadata', 'labels'));
      const pod = {
        ns: d.ns,
        labels,
        annotations: stringRecord(valueAt(tpl, 'metadata', 'annotations')),
        containers: containersOf(valueAt(tpl, 'spec'), false),
      };
      if (!inMesh(ctx, pod)) return;
      const services = matchingServices(ctx.resourcesIn('Service', d.ns, ''), labels);
      for (const group of appliedGroups(ctx, services)) {
        portProtocolConflicts(ctx, d, group);
        targetPortConflicts(ctx, d, group);
      }
    });
  },
};

interface IndexedService {
  service: WorkspaceResource;
  selector: Readonly<Record<string, string>>;
  position: number;
}

/** The Services of a namespace by the first label of their (non-empty) selector. */
const selectorIndexes = new WeakMap<readonly WorkspaceResource[], Map<string, IndexedService[]>>();

function selectorIndex(inNamespace: readonly WorkspaceResource[]): Map<string, IndexedService[]> {
  let index = selectorIndexes.get(inNamespace);
  if (index) return index;
  index = new Map();
  inNamespace.forEach((service, position) => {
    const selector = stringRecord(valueAt(service.value, 'spec', 'selector'));
    const first = Object.entries(selector)[0];
    if (!first) return;
    const k = `${first[0]}\u0000${first[1]}`;
    const list = index.get(k);
    if (list) list.push({ service, selector, position });
    else index.set(k, [{ service, selector, position }]);
  });
  selectorIndexes.set(inNamespace, index);
  return index;
}

/**
 * The Services of the namespace whose selector selects the pod, in workspace order. A selector that
 * matches has its first label on the pod: only the Services indexed under one of the pod's labels are
 * compared (pair by pair, a namespace of thousands of Deployments and Services was quadratic).
 */
function matchingServices(
  inNamespace: readonly WorkspaceResource[],
  podLabels: Record<string, string>,
): MatchedService[] {
  const index = selectorIndex(inNamespace);
  const hits = new Set<IndexedService>();
  for (const [k, v] of Object.entries(podLabels))
    for (const e of index.get(`${k}\u0000${v}`) ?? [])
      if (selectorMatches(e.selector, podLabels)) hits.add(e);
  return [...hits]
    .sort((a, b) => a.position - b.position)
    .map(({ service: s }) => ({
      name: `${s.ns}/${s.name}`,
      ports: objs(valueAt(s.value, 'spec', 'ports')),
      resource: s,
    }));
}

/**
 * The sets of Services that are applied together (each Service with those of its apply unit), the
 * largest only: most often one set, every Service. A conflict is looked for inside each.
 */
function appliedGroups(ctx: AnalysisContext, services: readonly MatchedService[]): MatchedService[][] {
  const groups = services.map((s) => presentWith(ctx, s.resource, services, (o) => o.resource));
  const within = (a: MatchedService[], b: MatchedService[]) => a.every((x) => b.includes(x));
  return groups.filter(
    (g, i) =>
      !groups.some((h, j) => (h.length > g.length || (h.length === g.length && j < i)) && within(g, h)),
  );
}

function portProtocolConflicts(
  ctx: AnalysisContext,
  d: WorkspaceResource,
  services: readonly MatchedService[],
): void {
  const byPort = new Map<number, Map<string, string[]>>();
  for (const s of services) {
    for (const p of s.ports) {
      const port = Number(p.port) || 0;
      const protocol = typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP';
      const protocols = byPort.get(port) ?? new Map<string, string[]>();
      byPort.set(port, protocols);
      protocols.set(protocol, [...(protocols.get(protocol) ?? []), s.name]);
    }
  }
  for (const port of [...byPort.keys()].sort((a, b) => a - b)) {
    const protocols = byPort.get(port)!;
    if (protocols.size < 2) continue;
    const names = [...protocols.values()].flat().sort();
    ctx.report('IST0116', d, [d.name, port, names], ['metadata', 'name']);
  }
}

function targetPortConflicts(
  ctx: AnalysisContext,
  d: WorkspaceResource,
  services: readonly MatchedService[],
): void {
  // targetPort → port → the (last) service using that pair, as Istio builds it.
  const byTarget = new Map<string, Map<number, string>>();
  for (const s of services) {
    for (const p of s.ports) {
      const port = Number(p.port) || 0;
      let target = p.targetPort == null ? '' : toText(p.targetPort);
      if (target === '' || target === '0') target = String(port);
      const ports = byTarget.get(target) ?? new Map<number, string>();
      byTarget.set(target, ports);
      ports.set(port, s.name);
    }
  }
  for (const [target, ports] of byTarget) {
    if (ports.size < 2) continue;
    const names = [...ports.values()].sort();
    const numbers = [...ports.keys()].sort((a, b) => a - b);
    ctx.report('IST0137', d, [d.name, names, target, numbers], ['metadata', 'name']);
  }
}
