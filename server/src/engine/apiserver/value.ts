// A read-only view of a YAML node with its Kubernetes field path (`spec.ports[0].port`), so the
// validators read like the Go code they follow and every error knows the node it is about.
// A node of the wrong YAML type reads as absent: the schema rules already report type errors.
import * as yaml from 'yaml';
import type { Document, Node } from 'yaml';
import { deref, effectivePairs, keyString } from '../parse/nodes';
import { nodeToJS } from '../parse/toJS';

// Bound once: the validators call these for every field they read.
const { isMap, isPair, isScalar, isSeq } = yaml;

export class V {
  private pathText: string | undefined;

  constructor(
    readonly node: Node | undefined,
    /** This field's own part of the path (`.name`, `[0]`, `[app]`), or the whole path with no parent. */
    private readonly segment: string,
    /** The key of the pair holding this value (the range of Required/Forbidden errors). */
    readonly keyNode: unknown,
    readonly parent: V | undefined,
    private readonly doc: Document,
  ) {}

  static root(node: Node, doc: Document): V {
    return new V(node, '', undefined, undefined, doc);
  }

  /** field.Path.String(), built only when an error needs it. */
  get path(): string {
    if (this.pathText === undefined) {
      const base = this.parent ? this.parent.path : '';
      this.pathText =
        this.parent && this.segment.startsWith('.') && !base ? this.segment.slice(1) : base + this.segment;
    }
    return this.pathText;
  }

  /** Present and not null (JSON null is the same as absent to the API server). */
  get exists(): boolean {
    return this.node !== undefined && !(isScalar(this.node) && this.node.value === null);
  }

  /** Key → pair of a map, built on the first lookup (a volume is asked for 30 sources). */
  private index: Map<string, yaml.Pair> | undefined;

  private pair(name: string): yaml.Pair | undefined {
    if (!isMap(this.node)) return undefined;
    if (!this.index) {
      this.index = new Map();
      // Kubernetes decodes the last of repeated keys (duplicate-key reports the repeat): later pairs win.
      for (const p of effectivePairs(this.node, this.doc)) {
        const k = keyString(p);
        if (k !== undefined) this.index.set(k, p);
      }
    }
    return this.index.get(name);
  }

  /** path.Child(name). */
  child(name: string): V {
    const p = this.pair(name);
    return new V(p && deref(p.value, this.doc), `.${name}`, p?.key, this, this.doc);
  }

  /** A copy whose path is fixed (`segment` holds it whole) but whose anchors still climb to `parent`. */
  private withParent(parent: V | undefined): V {
    const v = new V(this.node, this.segment, this.keyNode, parent, this.doc);
    v.pathText = this.segment;
    return v;
  }

  /** Walks several children. */
  at(...names: string[]): V {
    return names.reduce<V>((v, n) => v.child(n), this);
  }

  /** A path-only child (path.Key(k)) for a map entry. */
  keyed(k: string, node?: Node, keyNode?: unknown): V {
    return new V(node, `[${k}]`, keyNode, this, this.doc);
  }

  /** The same node under another path (a template's `metadata.labels` is validated as `labels`). */
  as(path: string): V {
    return new V(this.node, path, this.keyNode, undefined, this.doc).withParent(this.parent);
  }

  /** The same path, pointing at another node (errors on a map's key report the map's path). */
  pointAt(node: unknown): V {
    return new V(undefined, this.path, node, undefined, this.doc).withParent(this.parent);
  }

  /** A path-only child (path.Index(i)) with no node. */
  indexed(i: number, node?: Node): V {
    return new V(node, `[${i}]`, undefined, this, this.doc);
  }

  items(): V[] {
    if (!isSeq(this.node)) return [];
    return this.node.items.map((n, i) => this.indexed(i, deref(n, this.doc)));
  }

  /** Map entries with string keys. */
  entries(): { key: string; value: V }[] {
    if (!isMap(this.node)) return [];
    const out: { key: string; value: V }[] = [];
    const seen = new Map<string, number>();
    for (const p of effectivePairs(this.node, this.doc)) {
      const k = keyString(p);
      if (k === undefined) continue;
      const entry = { key: k, value: this.keyed(k, deref(p.value, this.doc), p.key) };
      // The last of repeated keys wins, as in the API server.
      const at = seen.get(k);
      if (at === undefined) {
        seen.set(k, out.length);
        out.push(entry);
      } else out[at] = entry;
    }
    return out;
  }

  get isMap(): boolean {
    return isMap(this.node);
  }
  get isSeq(): boolean {
    return isSeq(this.node);
  }

  /** A string scalar's value. */
  str(): string | undefined {
    return isScalar(this.node) && typeof this.node.value === 'string' ? this.node.value : undefined;
  }

  /** A string scalar's value, or '' when absent (Go's zero value). */
  s(): string {
    return this.str() ?? '';
  }

  /** An integer scalar's value. */
  int(): number | undefined {
    const v = isScalar(this.node) ? this.node.value : undefined;
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
  }

  bool(): boolean | undefined {
    const v = isScalar(this.node) ? this.node.value : undefined;
    return typeof v === 'boolean' ? v : undefined;
  }

  /** The scalar value whatever its type. */
  scalar(): unknown {
    return isScalar(this.node) ? this.node.value : undefined;
  }

  /** The plain JS value (for printing objects as the API server does). */
  json(): unknown {
    if (!this.node) return null;
    try {
      return nodeToJS(this.node, this.doc, 100);
    } catch {
      return null;
    }
  }

  /** Map entries as strings (labels, selectors); non-string values are skipped. */
  stringMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { key, value } of this.entries()) {
      const s = value.str();
      if (s !== undefined) out[key] = s;
    }
    return out;
  }

  /** The node a diagnostic about this field covers: the value, else the key, else the nearest ancestor. */
  anchor(): unknown {
    if (this.exists) return this.node;
    if (this.keyNode) return this.keyNode;
    return this.parent ? this.parent.keyAnchor() : this.node;
  }

  /** The key naming this field, else the nearest ancestor's. */
  keyAnchor(): unknown {
    if (this.keyNode) return this.keyNode;
    // A list item: its first key (`- name: web`), a one-line range.
    const first = isMap(this.node) ? this.node.items[0] : undefined;
    if (isPair(first)) return first.key;
    if (this.exists) return this.node;
    return this.parent ? this.parent.keyAnchor() : this.node;
  }
}
