// Evaluates the x-kubernetes-validations rules of a schema over one document, the way the API server
// does: every rule runs at each node of the document its schema node matches (each list item, each
// map value), with `self` bound to that node's value after defaulting; absent nodes are not checked.
// Transition rules (oldSelf) are skipped: an offline file has no stored object to compare with.
import { isMap, isScalar, isSeq, isPair, isAlias, type Document, type Node, type Pair } from 'yaml';
import { effectivePairs, keyString } from '../parse/nodes';
import { compile, isTransitionRule } from './compiler';
import type { RawRule, SchemaView } from './schema-view';

export interface CelViolation {
  /** Where to report: the pair holding the value (its key), a list item, or the root. */
  at: Pair | Node;
  message: string;
  rule: string;
  reason: string;
  /** Dotted path of the node the rule is attached to, e.g. spec.ports[0]. */
  path: string;
  /** The node the rule is attached to (its `self`). */
  subject: Node;
  /** The rule could not be evaluated (the API server rejects the object then too). */
  evalError: boolean;
  /** What the rule says it requires: its message, or its text when it has none. */
  stated: string;
}

export interface CelStats {
  evaluated: number;
  skippedTransition: number;
  skippedUncompilable: number;
}

/** Hostile input guard: at most this many rule evaluations per document. */
const MAX_EVALUATIONS = 20_000;
const MAX_NODES = 200_000;

const REASON_TEXT: Record<string, string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueForbidden: 'Forbidden',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
};

interface Frame {
  view: SchemaView;
  node: Node;
  at: Pair | Node;
  path: string;
  root: boolean;
}

export function evaluateCel(
  rootView: SchemaView,
  rootNode: Node,
  doc: Document,
  stats?: CelStats,
): CelViolation[] {
  const out: CelViolation[] = [];
  const values = new ValueBuilder(doc);
  const stack: Frame[] = [{ view: rootView, node: rootNode, at: rootNode, path: '', root: true }];
  let evaluations = 0,
    nodes = 0;
  while (stack.length && nodes++ < MAX_NODES) {
    const f = stack.pop()!;
    if (!f.view.hasRulesBelow) continue;
    for (const rule of f.view.rules) {
      if (isTransitionRule(rule.rule)) {
        if (stats) stats.skippedTransition++;
        continue;
      }
      if (evaluations++ >= MAX_EVALUATIONS) return out;
      const v = evaluateRule(rule, values.of(f.node, f.view, f.root), f, doc, stats);
      if (v) out.push(v);
    }
    pushChildren(f, doc, stack);
  }
  return out;
}

function evaluateRule(
  rule: RawRule,
  self: unknown,
  f: Frame,
  doc: Document,
  stats?: CelStats,
): CelViolation | undefined {
  const c = compile(rule.rule);
  if (!c.program) {
    if (stats) stats.skippedUncompilable++;
    return undefined;
  }
  if (stats) stats.evaluated++;
  const r = c.program(self);
  const reason = rule.reason ?? 'FieldValueInvalid';
  const at = rule.fieldPath ? resolveFieldPath(f, rule.fieldPath, doc) : f;
  const stated = rule.message?.trim() || rule.rule.trim();
  const base = { rule: rule.rule, reason, path: at.path, at: at.at, subject: f.node, stated };
  // A value of the wrong type (which the structural check reports) makes operators miss their
  // overload; the API server skips CEL on such objects ("blocking" type errors), so do we.
  if ('error' in r && /no matching overload/.test(r.error)) return undefined;
  // As the API server words it: the error, then the rule's message (or its text).
  if ('error' in r)
    return {
      ...base,
      evalError: true,
      message: `${k8sError(r.error)} evaluating rule: ${stated}`,
    };
  if (r.value === true) return undefined;
  return { ...base, evalError: false, message: messageOf(rule, self) };
}

/** cel-go's wording for the runtime errors users meet most. */
function k8sError(e: string): string {
  const m = /^field not found: (.*)$/.exec(e);
  return m ? `no such key: ${m[1]}` : e;
}

function messageOf(rule: RawRule, self: unknown): string {
  let text = rule.message?.trim() || `failed rule: ${rule.rule.trim()}`;
  if (rule.messageExpression) {
    const r = compile(rule.messageExpression).program?.(self);
    if (r && 'value' in r && typeof r.value === 'string' && r.value.trim() && !r.value.includes('\n'))
      text = r.value.trim();
  }
  const reason = rule.reason ?? 'FieldValueInvalid';
  return reason === 'FieldValueInvalid' ? text : `${REASON_TEXT[reason] ?? reason}: ${text}`;
}

function pushChildren(f: Frame, doc: Document, stack: Frame[]): void {
  const n = f.node;
  if (isMap(n)) {
    for (let i = n.items.length - 1; i >= 0; i--) {
      const p = n.items[i];
      if (!isPair(p)) continue;
      const key = keyString(p);
      if (key === undefined || (f.root && key === 'metadata')) continue;
      const child = deref(p.value, doc);
      if (!child || isNull(child)) continue;
      const view = f.view.properties.get(key) ?? f.view.additional;
      if (!view || !view.hasRulesBelow) continue;
      stack.push({ view, node: child, at: p, path: join(f.path, key), root: false });
    }
  } else if (isSeq(n) && f.view.items?.hasRulesBelow) {
    for (let i = n.items.length - 1; i >= 0; i--) {
      const child = deref(n.items[i], doc);
      if (!child || isNull(child)) continue;
      stack.push({ view: f.view.items, node: child, at: child, path: `${f.path}[${i}]`, root: false });
    }
  }
}

/** fieldPath is relative to the rule's node: `.a.b`, `['key']`, `.list[2]`. Unresolvable: the rule's node. */
function resolveFieldPath(f: Frame, fieldPath: string, doc: Document): { at: Pair | Node; path: string } {
  const segs: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(fieldPath))) {
    segs.push(m[1] ?? m[2] ?? Number(m[3]));
    pos = re.lastIndex;
  }
  if (pos !== fieldPath.length) return f;
  let node: Node | undefined = f.node,
    at: Pair | Node = f.at,
    path = f.path;
  for (const s of segs) {
    if (typeof s === 'number') {
      if (!isSeq(node)) return { at, path };
      const next = deref(node.items[s], doc);
      if (!next) return { at, path };
      node = next;
      at = next;
      path = `${path}[${s}]`;
    } else {
      if (!isMap(node)) return { at, path };
      const p = node.items.find((x) => keyString(x) === s);
      if (!p) return { at, path: join(path, s) };
      node = deref(p.value, doc);
      at = p;
      path = join(path, s);
      if (!node) return { at, path };
    }
  }
  return { at, path };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const isNull = (n: Node) => isScalar(n) && n.value === null;

function deref(n: unknown, doc: Document): Node | undefined {
  if (n == null) return undefined;
  if (isAlias(n)) {
    const t = n.resolve(doc);
    return t && !isAlias(t) ? t : undefined;
  }
  return n as Node;
}

/** Builds CEL input values from YAML nodes, typed by the schema and defaulted, once per node. */
class ValueBuilder {
  private readonly memo = new WeakMap<Node, unknown>();
  private budget = MAX_NODES;
  constructor(private readonly doc: Document) {}

  of(node: Node, view: SchemaView | undefined, root = false): unknown {
    if (this.memo.has(node)) return this.memo.get(node);
    // Children first, iteratively, so deep documents cannot overflow the stack.
    const order: [Node, SchemaView | undefined, boolean][] = [];
    const todo: [Node, SchemaView | undefined, boolean][] = [[node, view, root]];
    while (todo.length) {
      const [n, v, r] = todo.pop()!;
      if (this.memo.has(n) || this.budget-- <= 0) continue;
      order.push([n, v, r]);
      if (isMap(n)) {
        for (const p of effectivePairs(n, this.doc)) {
          const k = keyString(p);
          const c = deref(p.value, this.doc);
          if (k === undefined || !c || (r && k === 'metadata')) continue;
          todo.push([c, v?.properties.get(k) ?? v?.additional, false]);
        }
      } else if (isSeq(n)) {
        for (const it of n.items) {
          const c = deref(it, this.doc);
          if (c) todo.push([c, v?.items, false]);
        }
      }
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const [n, v, r] = order[i];
      if (!this.memo.has(n)) this.memo.set(n, this.build(n, v, r));
    }
    return this.memo.get(node);
  }

  private build(n: Node, v: SchemaView | undefined, root: boolean): unknown {
    if (isMap(n)) {
      const o: Record<string, unknown> = {};
      for (const p of effectivePairs(n, this.doc)) {
        const k = keyString(p);
        const c = deref(p.value, this.doc);
        if (k === undefined || !c || isNull(c)) continue;
        if (root && k === 'metadata') {
          o.metadata = metadataValue(c, this.doc);
          continue;
        }
        if (this.memo.has(c)) o[k] = this.memo.get(c);
      }
      if (v) for (const [k, d] of v.defaults) if (!(k in o)) o[k] = plain(d, v.properties.get(k));
      return o;
    }
    if (isSeq(n)) {
      const a: unknown[] = [];
      for (const it of n.items) {
        const c = deref(it, this.doc);
        if (c && !isNull(c) && this.memo.has(c)) a.push(this.memo.get(c));
      }
      return a;
    }
    return scalar(isScalar(n) ? n.value : null, v);
  }
}

function scalar(x: unknown, v: SchemaView | undefined): unknown {
  if (typeof x === 'number') {
    if (v?.type === 'number') return x;
    return Number.isInteger(x) && Number.isSafeInteger(x) ? BigInt(x) : x;
  }
  if (typeof x === 'bigint') return v?.type === 'number' ? Number(x) : x;
  if (x instanceof Date) return x.toISOString();
  return x;
}

/** A schema default (plain JSON) as a CEL input. */
function plain(d: unknown, v: SchemaView | undefined): unknown {
  if (Array.isArray(d)) return d.map((x) => plain(x, v?.items));
  if (d && typeof d === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(d)) o[k] = plain(x, v?.properties.get(k) ?? v?.additional);
    return o;
  }
  return scalar(d, v);
}

/** Kubernetes exposes only metadata.name and metadata.generateName to CRD rules. */
function metadataValue(n: Node, doc: Document): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (!isMap(n)) return o;
  for (const p of n.items) {
    if (!isPair(p)) continue;
    const k = keyString(p);
    const c = deref(p.value, doc);
    if ((k === 'name' || k === 'generateName') && isScalar(c) && typeof c.value === 'string') o[k] = c.value;
  }
  return o;
}
