// Which documents carry a pod, where its metadata and spec live, and who owns it (kube-inject's
// IntoObject): Deployment, DeploymentConfig, DaemonSet, StatefulSet, Job, CronJob, ReplicaSet,
// ReplicationController, Pod; List items are expanded; everything else passes through.
import { isObj, toText, type Obj } from '../util/json';

const GROUPS: Record<string, string[]> = {
  Pod: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  DaemonSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  DeploymentConfig: ['apps.openshift.io', ''],
};

export function isWorkloadKind(apiVersion: unknown, kind: unknown): boolean {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return false;
  const groups = GROUPS[kind];
  if (!groups) return false;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return groups.includes(group);
}

export function isList(obj: unknown): obj is Obj & { items: unknown[] } {
  return isObj(obj) && obj.kind === 'List' && obj.apiVersion === 'v1' && Array.isArray(obj.items);
}

export interface PodLocation {
  /** The pod template's metadata and spec (objects inside the workload, filled in by write()). */
  pod: Obj;
  typeMeta: { apiVersion: string; kind: string };
  deployMeta: { name: string; namespace: string };
  /** Puts the injected pod back into the workload. */
  write(pod: Obj): void;
  /** Display name for messages: `Deployment "ns/name"`. */
  display: string;
}

export class WorkloadError extends Error {}

/** Locates the pod of a workload object, or null for kinds kube-inject leaves alone. */
export function locatePod(obj: Obj): PodLocation | null {
  if (!isWorkloadKind(obj.apiVersion, obj.kind)) return null;
  const kind = String(obj.kind);
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  let typeMeta = { apiVersion: String(obj.apiVersion), kind };
  let deployMeta = { name: toText(meta.name ?? ''), namespace: toText(meta.namespace ?? '') };
  let holder: Obj;
  let specHolder: Obj;
  if (kind === 'Pod') {
    holder = obj;
    specHolder = obj;
    ({ typeMeta, deployMeta } = deployMetaFromPod(meta));
  } else if (kind === 'CronJob') {
    // kube-inject annotates the CronJob's jobTemplate metadata, and injects its pod spec.
    const spec = (obj.spec ??= {}) as Obj;
    holder = (spec.jobTemplate ??= {}) as Obj;
    const jobSpec = (holder.spec ??= {}) as Obj;
    specHolder = (jobSpec.template ??= {}) as Obj;
  } else {
    const spec = isObj(obj.spec) ? obj.spec : undefined;
    if (!spec || !isObj(spec.template))
      throw new WorkloadError(`${kind} "${deployMeta.name}": spec.template is required value`);
    holder = spec.template;
    specHolder = spec.template;
  }
  const ns = deployMeta.namespace;
  const pod: Obj = {
    metadata: isObj(holder.metadata) ? holder.metadata : {},
    spec: isObj(specHolder.spec) ? specHolder.spec : {},
  };
  const podMeta = pod.metadata as Obj;
  const name = toText(podMeta.name || deployMeta.name);
  const display = `${kind} "${ns ? `${ns}/${name}` : name}"`;
  return {
    pod,
    typeMeta,
    deployMeta,
    display,
    write(injected: Obj) {
      holder.metadata = injected.metadata ?? {};
      specHolder.spec = injected.spec ?? {};
    },
  };
}

/** kube.GetDeployMetaFromPod: a generated pod names its controller (Deployment behind a ReplicaSet, CronJob behind a Job). */
function deployMetaFromPod(meta: Obj): {
  typeMeta: { apiVersion: string; kind: string };
  deployMeta: { name: string; namespace: string };
} {
  const typeMeta = { apiVersion: 'v1', kind: 'Pod' };
  const deployMeta = { name: toText(meta.name ?? ''), namespace: toText(meta.namespace ?? '') };
  const labels = isObj(meta.labels) ? meta.labels : {};
  if (meta.generateName) {
    const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
    const ref = owners.find((o): o is Obj => isObj(o) && o.controller === true);
    if (ref) {
      typeMeta.apiVersion = toText(ref.apiVersion ?? '');
      typeMeta.kind = toText(ref.kind ?? '');
      deployMeta.name = toText(ref.name ?? '');
      const hash = labels['pod-template-hash'];
      if (
        typeMeta.kind === 'ReplicaSet' &&
        typeof hash === 'string' &&
        hash &&
        deployMeta.name.endsWith(hash)
      ) {
        deployMeta.name = deployMeta.name.slice(0, -(hash.length + 1));
        typeMeta.kind = 'Deployment';
        typeMeta.apiVersion = 'apps/v1';
      } else if (
        typeMeta.kind === 'ReplicationController' &&
        typeof labels.deploymentconfig === 'string' &&
        labels.deploymentconfig
      ) {
        deployMeta.name = labels.deploymentconfig;
        typeMeta.kind = 'DeploymentConfig';
        typeMeta.apiVersion = 'v1';
      } else if (typeMeta.kind === 'Job') {
        const jn = labels['job-name'];
        const m = typeof jn === 'string' && jn.length > 11 ? jn.match(/^(.+)-\d{8,10}$/) : null;
        if (m) {
          deployMeta.name = m[1];
          typeMeta.kind = 'CronJob';
          typeMeta.apiVersion = 'batch/v1';
        }
      }
    }
  }
  return { typeMeta, deployMeta };
}
