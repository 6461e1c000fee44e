// The pods workloads would create: one per pod template (the built-in workloads', an Argo Rollout's, one per
// role of its strategy's ephemeral metadata), with the labels their controller adds (controllerLabels.ts).
import type { WorkloadPod, WorkspaceResource } from './analyzer';
import { controllerSetLabels } from './controllerLabels';
import { stringRecord, type Labels } from './labels';
import { POD_TEMPLATE_PATHS } from '../model/workloads';
import { isObj, obj, valueAt, type Obj } from '../util/json';
import type { PathSegment } from '../parse/nodes';

class Pod implements WorkloadPod {
  constructor(
    readonly resource: WorkspaceResource,
    readonly labels: Record<string, string>,
    readonly annotations: Record<string, string>,
    readonly podPath: readonly PathSegment[],
    readonly spec: Obj,
    readonly fromTemplate: boolean,
  ) {}
  /** The resource's, read when asked (a watched placement records it). */
  get ns(): string {
    return this.resource.ns;
  }
  get name(): string {
    return this.resource.name;
  }
}

/** A pod of a resource a trial moved: the same pod, on the moved resource. */
export function movedPod(p: WorkloadPod, resource: WorkspaceResource): WorkloadPod {
  if (resource === p.resource) return p;
  return new Pod(resource, p.labels, p.annotations, p.podPath, p.spec, p.fromTemplate);
}

export function collectPods(all: readonly WorkspaceResource[]): WorkloadPod[] {
  const out: WorkloadPod[] = [];
  for (const r of all) {
    if (r.kind === 'Pod' && r.group === '') {
      out.push(new Pod(r, r.labels, r.annotations, [], obj(r.value.spec), false));
      continue;
    }
    const path = podTemplatePath(r);
    if (!path) continue;
    const tpl = valueAt(r.value, ...path);
    if (!isObj(tpl)) continue;
    const labels = { ...stringRecord(valueAt(tpl, 'metadata', 'labels')), ...controllerSetLabels(r) };
    const annotations = stringRecord(valueAt(tpl, 'metadata', 'annotations'));
    for (const role of rolloutRoles(r))
      out.push(
        new Pod(
          r,
          { ...labels, ...role.labels },
          { ...annotations, ...role.annotations },
          path,
          obj(tpl.spec),
          true,
        ),
      );
  }
  return out;
}

const NO_ROLES = [{ labels: {}, annotations: {} }];

/**
 * The pods of a workload by role: an Argo Rollout's stable and canary (active and preview) pods also carry
 * the ephemeral metadata its strategy gives each role (`canaryMetadata`, `stableMetadata`,
 * `activeMetadata`, `previewMetadata`), which Services and subsets select them by; one role otherwise.
 */
function rolloutRoles(r: WorkspaceResource): readonly { labels: Labels; annotations: Labels }[] {
  if (r.kind !== ROLLOUT) return NO_ROLES;
  const strategy = obj(obj(r.value.spec).strategy);
  const roles = [
    ...['canaryMetadata', 'stableMetadata'].map((k) => obj(obj(strategy.canary)[k])),
    ...['activeMetadata', 'previewMetadata'].map((k) => obj(obj(strategy.blueGreen)[k])),
  ].filter((m) => Object.keys(m).length);
  if (!roles.length) return NO_ROLES;
  return roles.map((m) => ({ labels: stringRecord(m.labels), annotations: stringRecord(m.annotations) }));
}

/**
 * Where a workload's pod template is: the built-in workloads', and an Argo Rollout's (its pods carry the
 * template's labels, plus the controller's `rollouts-pod-template-hash`, which it also adds to the
 * Services and DestinationRule subsets it manages).
 */
function podTemplatePath(r: WorkspaceResource): readonly PathSegment[] | undefined {
  if (r.kind === ROLLOUT && r.group === 'argoproj.io') return ['spec', 'template'];
  const path = POD_TEMPLATE_PATHS[r.kind];
  return path && isWorkloadGroup(r.group) ? path : undefined;
}
const ROLLOUT = 'Rollout';

function isWorkloadGroup(group: string): boolean {
  return (
    group === 'apps' ||
    group === 'batch' ||
    group === '' ||
    group === 'apps.openshift.io' ||
    group === 'extensions'
  );
}

/** The read tokens a resource of `kind` answers to (AnalyzerContext.reads): its kind, and 'Pod' for pods and workloads. */
export function addReadTokens(out: Set<string>, kind: string): void {
  out.add(kind);
  if (kind === 'Pod' || kind === ROLLOUT || POD_TEMPLATE_PATHS[kind]) out.add('Pod');
}
