// The contract between Istio's analyzers (engine/analyzers/, one per file, named after Istio's
// analyzer) and the workspace they analyze. Pure: the workspace is built from ParsedFiles.
import type { Node } from 'yaml';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import type { PathSegment } from '../parse/nodes';
import type { Obj } from '../util/json';
import type { Labels } from '../util/labels';

/** One Kubernetes/Istio resource found in the workspace. */
export interface WorkspaceResource {
  readonly file: ParsedFile;
  readonly doc: ParsedDoc;
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** As written in the manifest; null when absent. */
  readonly namespace: string | null;
  /**
   * Effective namespace: as written or given at apply time (kustomize `namespace:`, `-n`); else
   * 'default' (as kubectl applies it), with `nsKnown` false.
   */
  readonly ns: string;
  /**
   * Whether the namespace is decided. When it is not, analysis also places the resource in every
   * other namespace of the workspace, and reports only what holds wherever it is applied.
   */
  readonly nsKnown: boolean;
  /** The kustomization (its directory) whose rendering this resource is; undefined for a plain file. */
  readonly overlay?: string;
  /** Plain JS value of the document (aliases expanded with limits), computed once. */
  readonly value: Obj;
  /** The AST node at a path (for precise ranges), or undefined. */
  node(path: readonly PathSegment[]): Node | undefined;
  /** metadata.labels / metadata.annotations with string values. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Where the resource sits in its document: [] for a document, ['items', i] for a List item. */
  readonly basePath: readonly PathSegment[];
}

/**
 * Why a finding holds where Istio's message does not say it: `text` follows the message, in
 * parentheses; `related` are other resources' nodes (the diagnostic's relatedInformation).
 */
export interface ReportHint {
  text: string;
  related?: readonly RelatedRef[];
}

/** Another resource's node, and what it has to do with the finding. */
export interface RelatedRef {
  resource: WorkspaceResource;
  at: readonly PathSegment[];
  message: string;
}

export interface AnalyzerMeta {
  /** Istio's analyzer name, e.g. 'virtualservice.GatewayAnalyzer'. */
  name: string;
  description: string;
  /** IST codes this analyzer can report. */
  codes: readonly string[];
  /** Kinds it reads (Istio's "inputs"). */
  inputs: readonly string[];
  /** Present in Istio's `analyze --all` set. */
  inAll: boolean;
}

export interface AnalysisContext {
  /** Resources of a kind; `group` disambiguates (e.g. Gateway in networking.istio.io vs gateway.networking.k8s.io). */
  resources(kind: string, group?: string): readonly WorkspaceResource[];
  /**
   * The other definitions of objects of a kind (tutorial steps, versions side by side): which one the
   * cluster holds is unknown, so a "not found" must hold against each of them.
   */
  alternatives(kind: string, group?: string): readonly WorkspaceResource[];
  /** Look up one resource by kind, effective namespace and name. */
  find(kind: string, ns: string, name: string, group?: string): WorkspaceResource | undefined;
  /** Resources of a kind in one (effective) namespace, from an index: what `resources(...).filter(r => r.ns === ns)` gives. */
  resourcesIn(kind: string, ns: string, group?: string): readonly WorkspaceResource[];
  /** The pods of one namespace: what `pods().filter(p => p.ns === ns)` gives. */
  podsIn(ns: string): readonly WorkloadPod[];
  /** Every resource of the workspace. */
  all(): readonly WorkspaceResource[];
  /** Pods and the pod templates of workloads (Deployment, StatefulSet, ...), each as one pod. */
  pods(): readonly WorkloadPod[];
  /** The pods a workload selector selects, from an index: what `pods().filter(p => selectorMatches(selector, p.labels))` gives. */
  podsSelectedBy(selector: Labels | undefined | null): readonly WorkloadPod[];
  /**
   * The computation, memoised per argument for the rest of this analyzer run. A cached answer records again
   * what its first computation read (undecided namespaces, kinds), so a finding still depends on the
   * reads its check would have made: eachSubject's rule holds with state shared between subjects.
   * The computation must not report, and must depend only on its argument and the workspace.
   */
  memoize<A, T>(compute: (arg: A) => T): (arg: A) => T;
  /**
   * Checks each subject (a resource, or a pod) in turn. What `check` reports must be on its subject's
   * resource, and depend only on the subject, on what `check` reads and on state built before the
   * loop: nothing carried from one subject to the next, nothing written for code after the loop. Then
   * a trial placement of undecided namespaces re-checks only the subjects whose findings it could change.
   */
  eachSubject<T extends WorkspaceResource | WorkloadPod>(
    subjects: Iterable<T>,
    check: (subject: T) => void,
  ): void;
  /**
   * A resource's `ns/name` (fullName), for telling resources of one kind apart and for messages only:
   * unlike reading its namespace, it lets trial placements of undecided namespaces run only where an
   * equality between two identities could change.
   */
  identity(r: WorkspaceResource): string;
  /** Names of the Namespace manifests in the workspace (what the manifests prove exists). */
  namespaceNames(): ReadonlySet<string>;
  /** Directories whose files are applied one at a time (stepDirectories.ts): two of their files define one object. */
  stepDirectories(): ReadonlySet<string>;
  /** The lowest directories whose trees hold two files defining one object (stepDirectories.ts splitTrees): not applied whole. */
  splitTrees(): ReadonlySet<string>;
  /** The namespaces of the resources whose namespace is decided (written, `-n`, kustomize). */
  decidedNamespaces(): ReadonlySet<string>;
  /** Whether a Helm chart of the workspace could render objects of this kind (its output is unknown, not absent). */
  chartMayRender(kind: string): boolean;
  /** The literal names Go/Helm templates of the workspace give objects of `kind` (charts.ts templatedNames). */
  templatedNames(kind: string): ReadonlySet<string>;
  /**
   * Whether a chart a GitOps object installs (an Argo CD chart source, a Flux HelmRelease; gitops.ts),
   * a chart a kustomization inflates or a remote base it fetches (rendered.ts) renders into `ns` (into any
   * namespace, without one): what it creates there is unknown even when the files are the whole cluster.
   */
  releasedInto(ns?: string): boolean;
  /** The namespaces GitOps objects apply to (gitops.ts): they exist once the objects are synced. */
  gitOpsNamespaces(): ReadonlySet<string>;
  /**
   * True when the files are the whole cluster (upstream's test harness, `istioctl analyze` on files
   * alone): the absence of a pod or namespace then proves something. False in the editor/CLI, where
   * the workspace is a partial view: analyzers must then not report what only an absence suggests.
   */
  readonly assumeComplete: boolean;
  /** The cluster a resource comes from, when the front end knows (multi-cluster analysis); else undefined. */
  clusterOf(resource: WorkspaceResource): string | undefined;
  /** MeshConfig: Istio's defaults merged with the configured overlay. */
  readonly meshConfig: Obj;
  /**
   * Whether `meshConfig` is the cluster's: configured (istioLens.meshConfig, `--mesh-config`), set by the
   * workspace's IstioOperator, or the files are the whole cluster (istioctl's defaults). Otherwise it is
   * Istio's defaults standing for a mesh config the workspace does not show (Helm values, an operator's
   * resource, a ConfigMap applied apart): a finding that needs a setting to be absent from it is unproven.
   */
  readonly meshConfigKnown: boolean;
  /** The Istio minor release the cluster runs (`1.32`, istioLens.istioVersion). */
  readonly istioVersion: string;
  /**
   * Report an IST message on a resource. `at` is the path of the offending node inside the
   * resource (falls back to the resource's metadata.name); `args` fill messages.yaml's template.
   */
  report(
    code: string,
    resource: WorkspaceResource,
    args: readonly unknown[],
    at?: readonly PathSegment[],
  ): void;
  /** Report with a hint saying why the finding holds (after Istio's message); without one, report(). */
  reportWithHint(
    hint: ReportHint | undefined,
    code: string,
    resource: WorkspaceResource,
    args: readonly unknown[],
    at?: readonly PathSegment[],
  ): void;
  /**
   * Report as information, saying why, where istioctl's level is wrong for this cluster (each use
   * documents the difference in its analyzer's header and in the README).
   */
  reportAsInformation(
    reason: string,
    code: string,
    resource: WorkspaceResource,
    args: readonly unknown[],
    at?: readonly PathSegment[],
  ): void;
}

export interface Analyzer {
  meta: AnalyzerMeta;
  analyze(ctx: AnalysisContext): void;
}

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
  readonly spec: Obj;
  readonly fromTemplate: boolean;
}
