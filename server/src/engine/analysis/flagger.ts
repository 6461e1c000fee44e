// What Flagger creates for a Canary (flagger.app) whose targetRef is a Deployment or DaemonSet, in the
// Canary's namespace (Flagger's pkg/canary and pkg/router): the Services `<apex>` and `<apex>-primary`
// selecting the primary's pods, `<apex>-canary` selecting the target's (apex: `spec.service.name`, else
// the target's name; ports: `spec.service.port` named `portName`, default `http`, to `targetPort`, default
// the port, plus the target's container ports with `portDiscovery`), and the workload `<target>-primary`,
// whose pods carry the target's template labels with the selector label (the first of app, name,
// app.kubernetes.io/name in the target's matchLabels, Flagger's default -selector-labels) set to
// `<target>-primary`. The routing objects of the mesh provider (an Istio VirtualService and two
// DestinationRules without subsets) are not modelled: nothing references them by name.
// They are workspace objects like any other, but nothing is reported on them; an object of the same
// kind and name the workspace defines itself (an apex Service written by hand) is not generated.
import type { WorkspaceResource } from './analyzer';
import { stringRecord } from './labels';
import { GeneratedResource } from './generated';
import { arr, isObj, num, obj, objs, str, type Obj } from '../util/json';

const FLAGGER = 'flagger.app';
const SELECTOR_LABELS = ['app', 'name', 'app.kubernetes.io/name'];
const SIDECARS = new Set(['istio-proxy', 'envoy']);

export const isCanary = (r: WorkspaceResource): boolean => r.group === FLAGGER && r.kind === 'Canary';

/** The kinds a Canary creates: its change changes what analyzers reading them see. */
export const CANARY_OUTPUT_KINDS = ['Service', 'Deployment', 'DaemonSet'];

/**
 * The objects Flagger creates for the Canaries among `resources` (placed as applied: each is in its
 * Canary's namespace), minus those the workspace defines itself.
 */
export function flaggerObjects(resources: readonly WorkspaceResource[]): WorkspaceResource[] {
  const canaries = resources.filter(isCanary);
  if (!canaries.length) return [];
  // What the workspace defines, by kind and name: a namespace undecided on either side may be the same.
  const defined = new Map<string, (string | null)[]>();
  for (const r of resources) {
    const k = `${r.kind}\u0000${r.name}`;
    const list = defined.get(k) ?? [];
    list.push(r.nsKnown ? r.ns : null);
    defined.set(k, list);
  }
  const definedHere = (kind: string, name: string, c: WorkspaceResource) =>
    (defined.get(`${kind}\u0000${name}`) ?? []).some((ns) => ns === null || !c.nsKnown || ns === c.ns);
  const out: WorkspaceResource[] = [];
  for (const c of canaries) {
    const spec = obj(c.value.spec);
    const ref = obj(spec.targetRef);
    const targetKind = str(ref.kind);
    const targetName = str(ref.name);
    if ((targetKind !== 'Deployment' && targetKind !== 'DaemonSet') || !targetName) continue;
    const target = resources.find(
      (r) =>
        r.kind === targetKind &&
        r.group === 'apps' &&
        r.name === targetName &&
        (!r.nsKnown || !c.nsKnown || r.ns === c.ns),
    );
    const tpl = obj(obj(target?.value.spec).template);
    const matchLabels = stringRecord(obj(obj(target?.value.spec).selector).matchLabels);
    // Without the target in the workspace, Flagger's first selector label; with one matching none, it fails.
    const label = target ? SELECTOR_LABELS.find((l) => l in matchLabels) : SELECTOR_LABELS[0];
    if (!label) continue;
    const primary = `${targetName}-primary`;
    const service = obj(spec.service);
    const apex = str(service.name) || targetName;
    const ports = servicePorts(service, obj(tpl.spec));
    const add = (r: GeneratedResource) => {
      if (!definedHere(r.kind, r.name, c)) out.push(r);
    };
    if (ports) {
      for (const [name, selects] of [
        [apex, primary],
        [`${apex}-primary`, primary],
        [`${apex}-canary`, targetName],
      ])
        add(
          new GeneratedResource(c, 'v1', 'Service', name, {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name, labels: { [label]: name } },
            spec: { type: 'ClusterIP', selector: { [label]: selects }, ports },
          }),
        );
    }
    if (!target) continue;
    const tplMeta = obj(tpl.metadata);
    add(
      new GeneratedResource(c, 'apps/v1', targetKind, primary, {
        apiVersion: 'apps/v1',
        kind: targetKind,
        metadata: { name: primary, labels: { [label]: primary } },
        spec: {
          selector: { matchLabels: { [label]: primary } },
          template: {
            ...tpl,
            metadata: { ...tplMeta, labels: { ...stringRecord(tplMeta.labels), [label]: primary } },
          },
        },
      }),
    );
  }
  return out;
}

/** The Services' ports (Flagger's router and getPorts); undefined without `spec.service.port`. */
function servicePorts(service: Obj, podSpec: Obj): Obj[] | undefined {
  const port = num(service.port);
  if (port === undefined) return undefined;
  const target = service.targetPort;
  const hasTarget = target !== undefined && target !== 0 && target !== '0';
  const out: Obj[] = [
    {
      name: str(service.portName) || 'http',
      protocol: 'TCP',
      port,
      targetPort: hasTarget ? target : port,
    },
  ];
  if (service.portDiscovery !== true) return out;
  for (const c of objs(podSpec.containers)) {
    if (SIDECARS.has(str(c.name))) continue;
    arr(c.ports).forEach((p, i) => {
      if (!isObj(p)) return;
      const containerPort = num(p.containerPort);
      if (containerPort === undefined) return;
      if (!hasTarget ? containerPort === port : containerPort === target || p.name === target) return;
      const name = str(p.name) || `tcp-${str(c.name)}-${i}`;
      if (!out.some((o) => o.name === name))
        out.push({ name, protocol: 'TCP', port: containerPort, targetPort: containerPort });
    });
  }
  return out;
}
