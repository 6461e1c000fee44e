// Where GitOps tools apply the workspace's manifests. An Argo CD Application (argoproj.io; also those an
// ApplicationSet generates, applicationSet.ts) applies the directory `spec.source(s).path` names to
// `spec.destination.namespace`: the manifests that name no namespace land there (a kustomization in the directory is built first, a Chart.yaml makes it a chart;
// a plain directory is read without its subdirectories unless `directory.recurse`). A Flux Kustomization
// (kustomize.toolkit.fluxcd.io) applies `spec.path` and its whole tree, and `spec.targetNamespace`
// overrides every namespaced object's namespace, as kustomize's `namespace:` does. Paths are relative to
// the repository the object names, which may be this workspace's root or a folder above it: a path is
// the directory of the workspace it is a suffix of, when exactly one is; otherwise nothing is decided.
// A chart source (`source.chart`, a Flux HelmRelease, a path holding a Chart.yaml) renders what the
// workspace cannot see into its namespace (`releaseNamespaces`): unknown there, not absent.
import type { WorkspaceResource } from './analyzer';
import { dirOf, isClusterScoped } from '../kustomize';
import { isKustomizationUri } from '../kustomize/kustomization';
import { isChartFile } from './charts';
import { rootOf } from './placed';
import { arr, isObj, obj, str, type Obj } from '../util/json';
import { generatedApplications } from './applicationSet';

/** The kinds that decide where manifests are applied: a change to one re-places the workspace. */
export const isGitOpsKind = (kind: string): boolean =>
  kind === 'Application' || kind === 'ApplicationSet' || kind === 'Kustomization' || kind === 'HelmRelease';

const ARGO = 'argoproj.io';
const FLUX_KUSTOMIZE = 'kustomize.toolkit.fluxcd.io';
const FLUX_HELM = 'helm.toolkit.fluxcd.io';

/** One directory a GitOps object applies. */
interface DirApply {
  dir: string;
  ns: string;
  /** Subdirectories too (Flux always; Argo CD with `directory.recurse`). */
  recurse: boolean;
  /** Replaces the manifests' own namespaces (Flux `targetNamespace`); else fills in missing ones. */
  override: boolean;
}

export interface GitOpsPlan {
  /** Per resource, the namespaces GitOps objects apply it to (several: nothing is decided). */
  namespaces: ReadonlyMap<WorkspaceResource, ReadonlySet<string>>;
  /** Namespaces a chart renders into: what it creates there is unknown, not absent. */
  releaseNamespaces: ReadonlySet<string>;
  /** Every namespace a GitOps object applies to: it exists once the object is synced. */
  destinations: ReadonlySet<string>;
}

const EMPTY: GitOpsPlan = { namespaces: new Map(), releaseNamespaces: new Set(), destinations: new Set() };

/** Where the GitOps objects among `resources` apply the others; `uris`: the workspace's files. */
export function gitOpsPlan(resources: readonly WorkspaceResource[], uris: readonly string[]): GitOpsPlan {
  const objects = resources.filter(isGitOpsObject);
  if (!objects.length) return EMPTY;
  const dirs = new Dirs(uris);
  const applies: DirApply[] = [];
  const releaseNamespaces = new Set<string>();
  const destinations = new Set<string>();
  for (const r of objects) {
    const spec = obj(r.value.spec);
    if (r.group === ARGO) {
      const specs = r.kind === 'ApplicationSet' ? generatedApplications(r.value, dirs) : [spec];
      for (const app of specs) argoApplication(app, dirs, applies, releaseNamespaces, destinations);
    } else if (r.group === FLUX_HELM) {
      const ns = str(spec.targetNamespace) || (r.nsKnown ? r.ns : '');
      if (ns) releaseNamespaces.add(ns);
      if (ns) destinations.add(ns);
    } else {
      const ns = str(spec.targetNamespace);
      if (ns) destinations.add(ns);
      const dir = dirs.resolve(str(spec.path));
      if (dir && ns) applies.push({ dir, ns, recurse: true, override: true });
    }
  }
  if (!applies.length) return { namespaces: new Map(), releaseNamespaces, destinations };
  const namespaces = new Map<WorkspaceResource, Set<string>>();
  for (const r of resources) {
    if (isClusterScoped(r.kind) || isGitOpsObject(r)) continue;
    for (const a of applies) {
      if ((r.nsKnown && !a.override) || !applies_(a, r, dirs)) continue;
      let set = namespaces.get(r);
      if (!set) namespaces.set(r, (set = new Set()));
      set.add(a.ns);
    }
  }
  return { namespaces, releaseNamespaces, destinations };
}

/** What an Application (its spec) applies where: a directory of the workspace, or a chart. */
function argoApplication(
  spec: Obj,
  dirs: Dirs,
  applies: DirApply[],
  releases: Set<string>,
  destinations: Set<string>,
): void {
  const ns = str(obj(spec.destination).namespace);
  // A template parameter no generator here decides.
  if (ns.includes('{{')) return;
  if (ns) destinations.add(ns);
  for (const s of [spec.source, ...arr(spec.sources)].filter(isObj)) {
    if (str(s.chart)) {
      if (ns) releases.add(ns);
      continue;
    }
    const dir = dirs.resolve(str(s.path));
    if (!dir || !ns) continue;
    if (dirs.chart.has(dir)) releases.add(ns);
    else applies.push({ dir, ns, recurse: obj(s.directory).recurse === true, override: false });
  }
}

function isGitOpsObject(r: WorkspaceResource): boolean {
  return (
    (r.group === ARGO && (r.kind === 'Application' || r.kind === 'ApplicationSet')) ||
    (r.group === FLUX_KUSTOMIZE && r.kind === 'Kustomization') ||
    (r.group === FLUX_HELM && r.kind === 'HelmRelease')
  );
}

const under = (dir: string, d: string): boolean => d === dir || d.startsWith(`${dir}/`);

/** Whether `a` applies `r`: a rendering of the kustomization at its directory, or a plain file there. */
function applies_(a: DirApply, r: WorkspaceResource, dirs: Dirs): boolean {
  const root = rootOf(r);
  if (root !== undefined) return a.recurse ? under(a.dir, root) : root === a.dir;
  // A directory with a kustomization applies its rendering only (a Flux tree: each subtree's own).
  const d = dirOf(r.file.uri);
  if (dirs.kustomized.has(a.dir)) return false;
  if (!a.recurse) return d === a.dir;
  if (!under(a.dir, d)) return false;
  for (let p = d; p !== a.dir && p.length > a.dir.length; p = dirOf(p))
    if (dirs.kustomized.has(p) || dirs.chart.has(p)) return false;
  return !dirs.chart.has(a.dir);
}

/** The workspace's directories, and how a GitOps path finds one. */
class Dirs {
  readonly all = new Set<string>();
  readonly kustomized = new Set<string>();
  readonly chart = new Set<string>();

  constructor(uris: readonly string[]) {
    for (const uri of uris) {
      const d = dirOf(uri);
      if (isKustomizationUri(uri)) this.kustomized.add(d);
      if (isChartFile(uri)) this.chart.add(d);
      for (let p = d; p.includes('/') && !this.all.has(p); p = dirOf(p)) this.all.add(p);
    }
  }

  /** The one directory `path` (relative to some repository root) names, or undefined. */
  resolve(path: string): string | undefined {
    if (path.includes('{{')) return undefined;
    const rel = path.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    if (!rel || rel === '.' || rel.startsWith('/') || rel.split('/').includes('..')) return undefined;
    let found: string | undefined;
    for (const d of this.all) {
      if (!d.endsWith(`/${rel}`)) continue;
      if (found) return undefined;
      found = d;
    }
    return found;
  }
}
