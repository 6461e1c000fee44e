// A resource as it is applied: the same document, with the namespace it gets at apply time (`-n`, a
// kustomize `namespace:`, or a trial placement of a namespace-less manifest) and, for a kustomize
// rendering, its transformed value (name prefix, labels, patches). Ranges stay on the source's nodes.
import type { Node } from 'yaml';
import type { PathSegment } from '../parse/nodes';
import type { WorkspaceResource } from './analyzer';
import { stringRecord } from './labels';
import { friendlyName } from './resource';
import type { PlacementWatch } from './watch';
import type { NameChange } from '../kustomize';

/** A resource's plain value (untyped YAML, as WorkspaceResource.value). */
type Value = WorkspaceResource['value'];

export interface Placement {
  ns: string;
  nsKnown: boolean;
  /** The name after kustomize's prefix/suffix; default: the source's. */
  name?: string;
  /** The rendered value; default: the source's. */
  value?: Value;
  overlay?: string;
  /** The root kustomization (its directory) whose rendering this is. */
  root?: string;
  /** See PlacedResource.vacated. */
  vacated?: readonly NameChange[];
  /** See PlacedResource.alone. */
  alone?: boolean;
}

export class PlacedResource implements WorkspaceResource {
  private readonly placedNs: string;
  readonly nsKnown: boolean;
  readonly name: string;
  readonly overlay?: string;
  readonly root?: string;
  /**
   * The renames by which kustomize's namePrefix/nameSuffix took this Service (or Istio Gateway) from a
   * name no other of its kind in the workspace could hold where it lands, in a rendering read whole
   * (rendered.ts): its references that kustomize does not rename (Istio hosts, a VirtualService's
   * gateways) still name what no longer exists.
   */
  readonly vacated?: readonly NameChange[];
  /**
   * Applied on its own, if at all: a file beside a kustomization that does not list it. That directory is
   * applied through its kustomization (`kubectl apply -k`; Argo CD and Flux build it), which leaves the
   * file out, so nothing shows the file applied with any other (applyUnits.ts).
   */
  readonly alone?: boolean;
  private readonly rendered?: Value;
  // What the document says of itself does not change with the placement (file and doc can: a reparse
  // rebinds the source, so they stay getters).
  readonly apiVersion: WorkspaceResource['apiVersion'];
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly basePath: WorkspaceResource['basePath'];

  constructor(
    readonly source: WorkspaceResource,
    p: Placement,
  ) {
    this.placedNs = p.ns;
    this.nsKnown = p.nsKnown;
    this.name = p.name ?? source.name;
    this.rendered = p.value;
    this.overlay = p.overlay ?? source.overlay;
    this.root = p.root ?? (source instanceof PlacedResource ? source.root : undefined);
    this.vacated = p.vacated ?? (source instanceof PlacedResource ? source.vacated : undefined);
    this.alone = p.alone ?? (source instanceof PlacedResource ? source.alone : undefined);
    ({ apiVersion: this.apiVersion, group: this.group, version: this.version, kind: this.kind } = source);
    this.basePath = source.basePath;
  }

  get ns(): string {
    return this.placedNs;
  }
  get file() {
    return this.source.file;
  }
  get doc() {
    return this.source.doc;
  }
  /** The namespace as the cluster would show it: decided ones only. */
  get namespace(): string | null {
    return this.nsKnown ? this.ns : null;
  }
  get value(): Value {
    return this.rendered ?? this.source.value;
  }
  // A rendered value's labels are built once, as a document's are (Resource.labels).
  get labels(): Readonly<Record<string, string>> {
    if (!this.rendered) return this.source.labels;
    return (this.labelsCache ??= stringRecord(this.metadata?.labels));
  }
  get annotations(): Readonly<Record<string, string>> {
    if (!this.rendered) return this.source.annotations;
    return (this.annotationsCache ??= stringRecord(this.metadata?.annotations));
  }
  private labelsCache: Readonly<Record<string, string>> | undefined;
  private annotationsCache: Readonly<Record<string, string>> | undefined;
  private get metadata(): { labels?: unknown; annotations?: unknown } | undefined {
    return this.rendered?.metadata as { labels?: unknown; annotations?: unknown } | undefined;
  }
  node(path: readonly PathSegment[]): Node | undefined {
    return this.source.node(path);
  }
  toString(): string {
    return friendlyName(this);
  }
}

/** An undecided resource of the watched placement: reading its namespace is recorded. */
export class WatchedResource extends PlacedResource {
  constructor(
    source: WorkspaceResource,
    private readonly watch: PlacementWatch,
  ) {
    super(source, { ns: source.ns, nsKnown: false });
  }
  override get ns(): string {
    this.watch.readNamespace();
    return super.ns;
  }
}

/** The resource placed as `p`, or itself when nothing changes. */
export function place(r: WorkspaceResource, p: Placement): WorkspaceResource {
  if (
    p.ns === r.ns &&
    p.nsKnown === r.nsKnown &&
    !p.name &&
    !p.value &&
    !p.overlay &&
    !p.root &&
    !p.vacated &&
    !p.alone
  )
    return r;
  return new PlacedResource(r, p);
}

/** The document a resource was placed or rendered from. */
export function sourceOf(r: WorkspaceResource): WorkspaceResource {
  while (r instanceof PlacedResource) r = r.source;
  return r;
}

/** The root kustomization whose rendering a resource is, if any. */
export const rootOf = (r: WorkspaceResource): string | undefined =>
  r instanceof PlacedResource ? r.root : undefined;

/** Whether a resource is applied on its own (PlacedResource.alone). */
export const appliedAlone = (r: WorkspaceResource): boolean => r instanceof PlacedResource && !!r.alone;

/** The names kustomize renamed a Service or an Istio Gateway from, that nothing else could answer to (PlacedResource.vacated). */
export const vacatedNames = (r: WorkspaceResource): readonly NameChange[] =>
  (r instanceof PlacedResource ? r.vacated : undefined) ?? [];
