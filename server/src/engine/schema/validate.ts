// Structural validation of one resource document against its schema, walking the YAML AST (not a
// JS copy) so each finding sits on its node: the key of an unknown field, the value of a wrong
// type/enum/format, the parent key of a missing required field. Strict like
// `kubectl --validate=strict`. Iterative, depth- and size-bounded; aliases are checked shallowly.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { deref, effectivePairs, isMergeKey, keyString, shadowedPairs } from '../parse/nodes';
import { toText } from '../util/json';
import { ANY_TYPE, typeNames, type SchemaNode } from './compile';
import { pathOf, type Frame } from './frame';
import { isDirectiveKey } from './patchDocument';
import type { Finding } from './finding';
import { article, checkScalar, checkType } from './valueChecks';
import { foldedProperty, unknownField, writtenKeys } from './unknownField';
import { checkCombinators } from './combinators';

export { pathOf, type Frame };

const MAX_DEPTH = 96;
const MAX_NODES = 200_000;
const MAX_FINDINGS = 300; // the pipeline shows 25 per code anyway

export interface ValidateOptions {
  /**
   * The document is a strategic-merge patch: it may leave out required fields, and its directives
   * (`$patch`, `$setElementOrder/...`) are not unknown fields.
   */
  patch?: boolean;
  /**
   * Validate this node instead of the document's root: the value of a JSON-patch operation, whose
   * path (segment and schema of each step from the root) gives messages their real field paths.
   */
  at?: { node: Node; chain: readonly { seg: string | number; schema: SchemaNode }[] };
  /**
   * A built-in kind: its OpenAPI list keys serve server-side apply's merging, and the API server's own
   * validation decides which duplicates it rejects (apiserver/). Another duplicate is a warning:
   * `kubectl apply` keeps both entries, `kubectl apply --server-side` (and Flux) refuses them.
   */
  builtin?: boolean;
}

export function validateDocument(
  ast: Document.Parsed,
  root: SchemaNode,
  text: string,
  rootKeyNode: unknown,
  opts: ValidateOptions = {},
): Finding[] {
  const out: Finding[] = [];
  const report = (f: Finding) => {
    if (
      opts.patch &&
      (f.code === 'missing-required' || (f.code === 'unknown-field' && isDirectiveKey(f.node)))
    )
      return;
    // A duplicate's message ends with who refuses it: the API server for a custom resource, server-side
    // apply alone for a built-in kind.
    if (f.duplicate)
      f = opts.builtin
        ? {
            ...f,
            warning: true,
            message: `${f.message}: server-side apply (\`kubectl apply --server-side\`, Flux) rejects duplicate entries; client-side apply keeps both`,
          }
        : { ...f, message: `${f.message}; entries must be unique` };
    if (out.length < MAX_FINDINGS) out.push(f);
  };
  const full = () => out.length >= MAX_FINDINGS;
  const contents = opts.at ? opts.at.node : ast.contents;
  if (!contents || isAlias(contents)) return out;
  let start: Frame = {
    node: contents,
    schema: root,
    seg: null,
    parent: null,
    keyNode: rootKeyNode,
    depth: 0,
  };
  for (const step of opts.at?.chain ?? [])
    start = {
      node: contents,
      schema: step.schema,
      seg: step.seg,
      parent: start,
      keyNode: rootKeyNode,
      depth: 0,
    };
  const stack: Frame[] = [start];
  let visited = 0;
  while (stack.length && visited++ < MAX_NODES && !full()) {
    const f = stack.pop()!;
    const { node, schema } = f;
    if (isScalar(node) && node.value === null) continue; // null: absent for Kubernetes
    if (!checkType(f, text, report)) continue;
    if (isMap(node)) visitMap(f, ast, text, report, stack, full);
    else if (isSeq(node)) visitSeq(f, ast, text, report, stack);
    else if (isScalar(node)) checkScalar(node, schema, f, text, report);
  }
  return out;
}

/** A pair's value, following one alias; `shallow` when it came through an alias (not descended into). */
function valueOf(pair: Pair, ast: Document.Parsed): { node: Node | undefined; shallow: boolean } {
  return { node: deref(pair.value, ast), shallow: isAlias(pair.value) };
}

/**
 * Keys a map has as Kubernetes reads it (effectivePairs: own keys win over `<<` merge keys, nested merges
 * followed), each with the pair to report on: its own pair, or the merge key that brought it in.
 */
function presentKeys(map: YAMLMap, ast: Document.Parsed): Map<string, Pair> {
  const keys = new Map<string, Pair>();
  const merge = map.items.find((item) => isPair(item) && isMergeKey(item));
  const own = merge ? new Set<unknown>(map.items) : undefined;
  for (const pair of effectivePairs(map, ast)) {
    const k = keyString(pair);
    const val = pair.value;
    if (k === undefined || val == null) continue;
    if (isScalar(val) && val.value === null) continue; // `key:` with nothing is absent to Kubernetes
    keys.set(k, merge && !own?.has(pair) ? merge : pair);
  }
  return keys;
}

function visitMap(
  f: Frame,
  ast: Document.Parsed,
  text: string,
  report: (f: Finding) => void,
  stack: Frame[],
  full: () => boolean,
): void {
  const map = f.node as YAMLMap;
  const { schema } = f;
  const allowsUnknown = schema.allowsUnknown();
  const children: Frame[] = [];
  let written: Set<string> | undefined; // keys of this map, computed once for relocation hints
  // Required fields an unknown key of this map is a slip of (its did-you-mean): one mistake, reported
  // once, on the key (a strict apply refuses the unknown field before it gets to required ones).
  const misspelt = new Set<string>();
  // A repeated key decodes to its last value: the earlier ones are duplicate-key's to report.
  const shadowed = shadowedPairs(map);
  for (const item of map.items) {
    if (!isPair(item) || shadowed?.has(item)) continue;
    const k = keyString(item);
    if (k === undefined || isMergeKey(item)) continue;
    const child =
      schema.child(k) ?? (schema.goJson && !allowsUnknown ? foldedProperty(schema, k) : undefined);
    if (!child) {
      if (!allowsUnknown && !full()) {
        const u = unknownField(f, k, item.key, () => (written ??= writtenKeys(map)), item.value);
        for (const r of (u.data?.replacements ?? []) as string[]) misspelt.add(r);
        report(u);
      }
      continue;
    }
    // The API server resets `status` on create and update (it has its own subresource): not checked.
    if (f.parent === null && k === 'status' && schema.property('status')) continue;
    const { node, shallow } = valueOf(item, ast);
    if (!node) continue;
    const frame: Frame = { node, schema: child, seg: k, parent: f, keyNode: item.key, depth: f.depth + 1 };
    if (shallow) {
      checkType(frame, text, report);
      continue;
    }
    if (frame.depth < MAX_DEPTH) children.push(frame);
  }
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  if (schema.goJson) return; // a Go struct requires nothing and bounds nothing
  if (
    !schema.required.length &&
    !schema.combinators.length &&
    schema.minProperties === undefined &&
    schema.maxProperties === undefined
  )
    return;
  const present = presentKeys(map, ast);
  const missing = schema.required.filter((r) => !present.has(r) && !misspelt.has(r));
  if (missing.length) {
    const where = pathOf(f);
    report({
      code: 'missing-required',
      node: f.keyNode ?? map,
      message: `Missing required field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}${where ? ` in ${where}` : ''}`,
      data: { missing },
    });
  }
  if (schema.minProperties !== undefined && present.size < schema.minProperties) {
    report({
      code: 'invalid-value',
      node: f.keyNode ?? map,
      message: `${pathOf(f) || 'The document'} must have at least ${schema.minProperties} field${schema.minProperties === 1 ? '' : 's'}`,
    });
  }
  if (schema.maxProperties !== undefined && present.size > schema.maxProperties) {
    report({
      code: 'invalid-value',
      node: f.keyNode ?? map,
      message: `${pathOf(f) || 'The document'} may have at most ${schema.maxProperties} field${schema.maxProperties === 1 ? '' : 's'}`,
      overMax: true,
    });
  }
  if (schema.combinators.length) checkCombinators(f, present, report);
}

function visitSeq(
  f: Frame,
  ast: Document.Parsed,
  text: string,
  report: (f: Finding) => void,
  stack: Frame[],
): void {
  const seq = f.node as YAMLSeq;
  const { schema } = f;
  const n = seq.items.length;
  const bounded = !schema.goJson; // a Go slice takes any number of items, repeated ones too
  if (bounded && schema.minItems !== undefined && n < schema.minItems)
    report({
      code: 'invalid-value',
      node: f.keyNode ?? seq,
      message: `${pathOf(f)} must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`,
    });
  if (bounded && schema.maxItems !== undefined && n > schema.maxItems)
    report({
      code: 'invalid-value',
      node: f.keyNode ?? seq,
      message: `${pathOf(f)} may have at most ${schema.maxItems} items (it has ${n})`,
      overMax: true,
    });
  const items = schema.items();
  if (items) {
    for (let i = n - 1; i >= 0; i--) {
      const shallow = isAlias(seq.items[i]);
      const node = deref(seq.items[i], ast);
      if (!node) continue;
      const frame: Frame = { node, schema: items, seg: i, parent: f, keyNode: node, depth: f.depth + 1 };
      // The API server prunes a null field of a CRD object, but keeps a null list item and rejects it.
      if (isScalar(node) && node.value === null && items.crd && !items.nullable && items.types !== ANY_TYPE) {
        report({
          code: 'invalid-type',
          node,
          message: `${pathOf(frame)} must be ${article(typeNames(items.types))}, not null (a null list item is rejected)`,
        });
        continue;
      }
      if (shallow) checkType(frame, text, report);
      else if (frame.depth < MAX_DEPTH) stack.push(frame);
    }
  }
  if (bounded && (schema.listType === 'set' || (schema.listType === 'map' && schema.listMapKeys?.length)))
    checkListUnique(f, seq, schema, report);
}

function checkListUnique(f: Frame, seq: YAMLSeq, schema: SchemaNode, report: (f: Finding) => void): void {
  const seen = new Map<string, number>();
  seq.items.forEach((item, i) => {
    let key: string | undefined;
    if (schema.listType === 'set') key = isScalar(item) ? JSON.stringify(item.value) : undefined;
    else if (isMap(item)) {
      key = JSON.stringify(
        schema.listMapKeys!.map((k) => {
          const p = item.items.find((x) => isPair(x) && keyString(x) === k);
          return p && isScalar(p.value) ? p.value.value : null;
        }),
      );
    }
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const what =
      schema.listType === 'set'
        ? `value ${key}`
        : `entry with ${schema.listMapKeys!.map((k, j) => `${k}=${toText((JSON.parse(key) as unknown[])[j])}`).join(', ')}`;
    report({
      code: 'invalid-value',
      node: item,
      message: `Duplicate ${what} in ${pathOf(f)} (item ${first} has it already)`,
      duplicate: true,
    });
  });
}
