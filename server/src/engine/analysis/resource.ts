// One resource of the workspace: a document, or an item of a `kind: List` document. Its plain JS
// value is computed lazily and once; its AST nodes are found by path for precise ranges.
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import { getIn, mapGetValue, nodeSpan, scalarString, type PathSegment } from '../parse/nodes';
import type { Range } from '../parse/position';
import { nodeToJS } from '../parse/toJS';
import type { WorkspaceResource } from './analyzer';
import { stringRecord } from './labels';
import { valueAt, type Obj } from '../util/json';

/** Aliases expand into at most this many nodes when a value is built (billion-laughs guard). */
const MAX_ALIAS_COUNT = 100;

export class Resource implements WorkspaceResource {
  readonly ns: string;
  readonly nsKnown: boolean;
  private cached: Obj | undefined;

  constructor(
    public file: ParsedFile,
    public doc: ParsedDoc,
    /** The resource's mapping node (the document root, or a List item). */
    readonly root: YAMLMap,
    /** Path of `root` inside the document: [] for a document, ['items', i] for a List item. */
    readonly basePath: readonly PathSegment[],
    readonly apiVersion: string,
    readonly group: string,
    readonly version: string,
    readonly kind: string,
    readonly name: string,
    readonly namespace: string | null,
  ) {
    this.ns = namespace ?? 'default';
    this.nsKnown = namespace !== null;
  }

  /**
   * The same document in a newer parse of its file: the incremental parser kept its AST (and moved
   * its offsets), so the resource, and its computed value, carry over.
   */
  rebind(file: ParsedFile, doc: ParsedDoc): void {
    this.file = file;
    this.doc = doc;
  }

  get value(): Obj {
    if (this.cached === undefined) {
      let v: unknown;
      try {
        v = nodeToJS(this.root, this.doc.ast, MAX_ALIAS_COUNT);
      } catch {
        v = undefined;
      }
      this.cached = v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
    }
    return this.cached;
  }

  node(path: readonly PathSegment[]): Node | undefined {
    return getIn(this.root, path, this.doc.ast);
  }

  /**
   * metadata.labels as strings (non-string values are skipped, as the API server would reject them).
   * Built once, as the value is: analyzers read a resource's labels in every loop that matches them.
   */
  get labels(): Readonly<Record<string, string>> {
    return (this.labelsCache ??= stringRecord(valueAt(this.value, 'metadata', 'labels')));
  }
  get annotations(): Readonly<Record<string, string>> {
    return (this.annotationsCache ??= stringRecord(valueAt(this.value, 'metadata', 'annotations')));
  }
  private labelsCache: Readonly<Record<string, string>> | undefined;
  private annotationsCache: Readonly<Record<string, string>> | undefined;

  toString(): string {
    return friendlyName(this);
  }
}

/** `Kind ns/name` with the namespace as written (or decided), or `Kind name` (Istio's FriendlyName shape). */
export function friendlyName(r: WorkspaceResource): string {
  return r.namespace === null ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`;
}

/**
 * The range of the node at `at` in a resource's file (the document's start when it has none): where the
 * workspace-wide passes (alternatives, node-port conflicts, DestinationRule merges) put their findings.
 */
export function rangeAt(r: WorkspaceResource, at: readonly PathSegment[]): Range {
  const span = nodeSpan(r.node(at)) ?? [r.doc.start, r.doc.start];
  return r.file.lines.range(span[0], span[1]);
}

/** Builds the resource for a mapping node, or null when it lacks apiVersion, kind or a name. */
export function resourceFromMap(
  file: ParsedFile,
  doc: ParsedDoc,
  root: YAMLMap,
  basePath: readonly PathSegment[],
): Resource | null {
  const apiVersion = scalarString(mapGetValue(root, 'apiVersion', doc.ast));
  const kind = scalarString(mapGetValue(root, 'kind', doc.ast));
  if (!apiVersion || !kind) return null;
  const meta = mapGetValue(root, 'metadata', doc.ast);
  if (!isMap(meta)) return null;
  const name = scalarString(mapGetValue(meta, 'name', doc.ast));
  if (!name) return null;
  const namespace = scalarString(mapGetValue(meta, 'namespace', doc.ast)) ?? null;
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return new Resource(
    file,
    doc,
    root,
    basePath,
    apiVersion,
    group,
    version,
    kind,
    name,
    namespace === '' ? null : namespace,
  );
}

/** The resources of one file: every non-templated resource document, List items expanded. */
/** The resources of one document: the document itself, or the items of a List. */
export function resourcesOfDoc(file: ParsedFile, doc: ParsedDoc): Resource[] {
  if (doc.templated || !doc.resource) return [];
  const root = doc.resource.root;
  if (!isListKind(doc.resource.kind, doc.resource.apiVersion)) {
    const r = resourceFromMap(file, doc, root, []);
    return r ? [r] : [];
  }
  const out: Resource[] = [];
  const items = getIn(root, ['items'], doc.ast);
  if (!isSeq(items)) return out;
  for (let i = 0; i < items.items.length; i++) {
    const item = getIn(root, ['items', i], doc.ast);
    if (!isMap(item)) continue;
    const r = resourceFromMap(file, doc, item, ['items', i]);
    if (r) out.push(r);
  }
  return out;
}

/** `kind: List` (v1), and the typed lists kubectl prints (`PodList` etc. in the core group). */
function isListKind(kind: string, apiVersion: string): boolean {
  return kind === 'List' || (kind.endsWith('List') && apiVersion === 'v1');
}
