// The workspace resource graph: every resource of every file, indexed by kind and by
// (kind, namespace, name), plus the pods that workloads would create. Built from per-file
// contributions cached per ParsedFile, so an edit to one file re-reads only that file.
import type { ParsedFile } from '../parse/parseFile';
import type { PathSegment } from '../parse/nodes';
import { type Resource, resourcesOfDoc } from './resource';
import { stringRecord } from './labels';
import type { WorkspaceResource } from './analyzer';

/** A pod as the manifests prove it: a Pod, or the pod template of a workload (one per workload). */
export interface WorkloadPod {
  /** The Pod, or the workload (Deployment, StatefulSet...) whose template it is. */
  readonly resource: WorkspaceResource;
  /** Effective namespace. */
  readonly ns: string;
  /** The Pod's name, or the workload's name for a template. */
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** Path of the pod's metadata/spec parent inside the resource ([] for a Pod, ['spec','template'] for a Deployment). */
  readonly podPath: readonly PathSegment[];
  /** The pod spec value (may be {}). */
  readonly spec: Record<string, any>;
  readonly fromTemplate: boolean;
}

/** Workload kinds whose pod template becomes pods, and where the template lives. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly PathSegment[]>> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Per document AST: the incremental parser keeps the AST of an unchanged document across versions. */
const docContributions = new WeakMap<object, Resource[]>();

/**
 * The resources of one file. Each document's resources are computed once per AST, so a document
 * that survived from the previous parse keeps its resources (and their computed values); they are
 * rebound to the file asked for, whose offsets are the ones that count.
 */
export function fileContribution(file: ParsedFile): readonly Resource[] {
  const out: Resource[] = [];
  for (const doc of file.docs) {
    let rs = docContributions.get(doc.ast);
    if (rs) {
      for (const x of rs) if (x.file !== file) x.rebind(file, doc);
    } else docContributions.set(doc.ast, (rs = resourcesOfDoc(file, doc)));
    for (const x of rs) out.push(x);
  }
  return out;
}

const key = (kind: string, ns: string, name: string): string => `${kind}\u0000${ns}\u0000${name}`;

export class Workspace {
  readonly files: readonly ParsedFile[];
  readonly all: readonly Resource[];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byKey = new Map<string, Resource[]>();
  private podsCache: WorkloadPod[] | undefined;

  constructor(files: readonly ParsedFile[]) {
    this.files = files;
    const all: Resource[] = [];
    for (const f of files) for (const r of fileContribution(f)) all.push(r);
    this.all = all;
    for (const r of all) {
      push(this.byKind, r.kind, r);
      push(this.byKey, key(r.kind, r.ns, r.name), r);
    }
  }

  /** Resources of a kind; with `group`, only that API group ('' is the core group). */
  resources(kind: string, group?: string): readonly Resource[] {
    const list = this.byKind.get(kind) ?? [];
    return group === undefined ? list : list.filter((r) => r.group === group);
  }

  /** The first resource with this kind, effective namespace and name (cluster-scoped kinds: any namespace). */
  find(kind: string, ns: string, name: string, group?: string): Resource | undefined {
    const list = this.byKey.get(key(kind, ns, name)) ?? [];
    return list.find((r) => group === undefined || r.group === group);
  }

  /** Names of Namespace manifests in the workspace. */
  namespaceNames(): Set<string> {
    return new Set(this.resources('Namespace', '').map((r) => r.name));
  }

  /** Pods and the pod templates of workloads, each as one pod. */
  pods(): readonly WorkloadPod[] {
    if (!this.podsCache) this.podsCache = collectPods(this.all);
    return this.podsCache;
  }
}

export function buildWorkspace(files: readonly ParsedFile[]): Workspace {
  return new Workspace(files);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function collectPods(all: readonly Resource[]): WorkloadPod[] {
  const out: WorkloadPod[] = [];
  for (const r of all) {
    if (r.kind === 'Pod' && r.group === '') {
      out.push({
        resource: r,
        ns: r.ns,
        name: r.name,
        labels: r.labels,
        annotations: r.annotations,
        podPath: [],
        spec: objectOr(r.value.spec),
        fromTemplate: false,
      });
      continue;
    }
    const path = POD_TEMPLATE_PATHS[r.kind];
    if (!path || !isWorkloadGroup(r.group)) continue;
    let tpl: any = r.value;
    for (const seg of path) tpl = tpl?.[seg];
    if (!tpl || typeof tpl !== 'object') continue;
    out.push({
      resource: r,
      ns: r.ns,
      name: r.name,
      labels: stringRecord(tpl.metadata?.labels),
      annotations: stringRecord(tpl.metadata?.annotations),
      podPath: path,
      spec: objectOr(tpl.spec),
      fromTemplate: true,
    });
  }
  return out;
}

function isWorkloadGroup(group: string): boolean {
  return (
    group === 'apps' ||
    group === 'batch' ||
    group === '' ||
    group === 'apps.openshift.io' ||
    group === 'extensions'
  );
}

function objectOr(v: unknown): Record<string, any> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {};
}
