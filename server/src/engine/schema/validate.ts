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
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { deref, effectivePairs, isMergeKey, keyString } from '../parse/nodes';
import { toText } from '../util/json';
import { ANY_TYPE, T, typeNames, type SchemaNode } from './compile';
import { checkNumberFormat, checkStringFormat } from './formats';
import { closest, orList } from './suggest';
import { relocationHint } from './relocate';
import { pathOf, type Frame } from './frame';
import { isDirectiveKey } from './patchDocument';

export { pathOf, type Frame };

const MAX_DEPTH = 96;
const MAX_NODES = 200_000;
const MAX_FINDINGS = 300; // the pipeline shows 25 per code anyway
const MAX_PATTERN_INPUT = 4096;

export type SchemaCode =
  | 'unknown-field'
  | 'invalid-type'
  | 'missing-required'
  | 'invalid-enum'
  | 'invalid-format'
  | 'invalid-value'
  | 'conflicting-fields'
  | 'non-string-metadata';

export interface Finding {
  code: SchemaCode;
  node: unknown;
  message: string;
  data?: Record<string, unknown>;
  /** Lower than the rule's own severity (a duplicate only server-side apply refuses). */
  warning?: boolean;
  /** A repeated entry of a list-map or set: the node is the repeating item. */
  duplicate?: boolean;
  /** Over a maxLength, maxItems or maxProperties bound (the API server's TooLong / TooMany). */
  overMax?: boolean;
}

/**
 * The API server's blocking errors (apiextensions' hasBlockingErr): an enum, required, type or
 * max-bound violation means the object lacks the shape its CEL rules were written for, so it skips them.
 */
export function blocksCel(f: Finding): boolean {
  return (
    f.code === 'invalid-enum' || f.code === 'missing-required' || f.code === 'invalid-type' || !!f.overMax
  );
}

/** The JSON type a scalar has for Kubernetes (go-yaml v2 semantics), as a T bit; 0 for null. */
export function scalarType(n: Scalar, text: string): number {
  const v = n.value;
  switch (typeof v) {
    case 'string':
      return T.String;
    case 'boolean':
      return T.Boolean;
    case 'bigint':
      return T.Integer;
    case 'number': {
      // YAML 1.1 sexagesimal (`1:30`) is a number to our parser but a string to go-yaml.
      const src = n.range ? text.slice(n.range[0], Math.min(n.range[1], n.range[0] + 64)) : '';
      if (n.type === 'PLAIN' && src.includes(':')) return T.String;
      return Number.isInteger(v) && !/[.eE]/.test(src.replace(/^0x.*/i, '')) ? T.Integer : T.Number;
    }
    case 'object':
      if (v === null) return 0;
      return T.String; // timestamps, !!binary: strings in JSON
    default:
      return T.String;
  }
}

function actualName(node: Node, text: string): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const t = scalarType(node, text);
    const v = node.value;
    const shown = typeof v === 'string' ? (v.length > 40 ? `"${v.slice(0, 37)}..."` : `"${v}"`) : String(v);
    return t === T.String
      ? `string ${shown}`
      : t === T.Boolean
        ? `boolean ${shown}`
        : t === T.Integer
          ? `integer ${shown}`
          : `number ${shown}`;
  }
  return 'a value';
}

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

function isMetadataMap(f: Frame | null): boolean {
  return !!f && (f.seg === 'labels' || f.seg === 'annotations') && f.parent?.seg === 'metadata';
}

/** Reports a type mismatch; returns whether the node's type fits (so its insides are worth checking). */
function checkType(f: Frame, text: string, report: (f: Finding) => void): boolean {
  const { node, schema } = f;
  if (schema.types === ANY_TYPE) return true;
  const actual = isMap(node) ? T.Object : isSeq(node) ? T.Array : isScalar(node) ? scalarType(node, text) : 0;
  if (!actual) return true;
  if ((schema.types & actual) !== 0 || (actual === T.Integer && (schema.types & T.Number) !== 0)) return true;
  if (isMetadataMap(f.parent) && isScalar(node)) {
    report({
      code: 'non-string-metadata',
      node,
      message: `${f.parent!.seg === 'labels' ? 'Label' : 'Annotation'} \`${f.seg}\` must be a string; ${actualName(node, text)} is not. Quote it: "${toText(node.value)}"`,
      data: { fix: 'quote' },
    });
    return false;
  }
  const where = pathOf(f) || 'the document';
  const asPath = pathShorthand(f, text);
  const hint =
    schema.types === T.Array && isMap(node)
      ? ' (write the entries as a list: `- key: value`)'
      : schema.types === T.Object && isSeq(node)
        ? ' (remove the leading `-`: this field is a mapping)'
        : asPath
          ? ` (a path goes under \`path\`: \`path: ${toText((node as Scalar).value)}\`)`
          : '';
  const data: Record<string, unknown> = { expected: typeNames(schema.types) };
  if (asPath) data.replacements = [asPath];
  else if (isScalar(node) && typeof node.value !== 'string' && schema.types & T.String) data.fix = 'quote';
  // `port: "80"` where an integer goes: offer the unquoted number.
  else if (
    isScalar(node) &&
    typeof node.value === 'string' &&
    schema.types & (T.Integer | T.Number) &&
    /^-?\d+(\.\d+)?$/.test(node.value.trim()) &&
    (schema.types & T.Number || !node.value.includes('.'))
  )
    data.replacements = [node.value.trim()];
  report({
    code: 'invalid-type',
    node,
    message: `${where} must be ${article(typeNames(schema.types))}, not ${actualName(node, text)}${hint}`,
    data,
  });
  return false;
}

/**
 * A string where a mapping with a string `path` field goes: the shorthand of a file or URL path that the
 * API does not take (kustomize 5's `patches: [- patch.yaml]`, an Ingress `paths: [- /api]`). The
 * mapping it meant, in flow style around the text as written.
 */
function pathShorthand(f: Frame, text: string): string | undefined {
  const { node, schema } = f;
  if (schema.types !== T.Object || !isScalar(node) || typeof node.value !== 'string') return undefined;
  const path = schema.property('path');
  if (!path || (path.types & T.String) === 0 || !node.range) return undefined;
  return `{path: ${text.slice(node.range[0], node.range[1])}}`;
}

function article(t: string): string {
  if (t === 'object') return 'a mapping';
  if (t === 'array') return 'a list';
  if (t === 'any') return 'a value';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function checkScalar(
  node: Scalar,
  schema: SchemaNode,
  f: Frame,
  text: string,
  report: (f: Finding) => void,
): void {
  const v = node.value;
  const where = pathOf(f);
  // In istioctl's schemas an int-or-string enum is a protobuf enum: its names, or any number.
  const protoEnumNumber = schema.goJson && schema.intOrString && typeof v !== 'string';
  if (
    schema.enumValues &&
    !protoEnumNumber &&
    !schema.enumValues.some((e) => e === v || (typeof v === 'object' && toText(e) === toText(v)))
  ) {
    const allowed = schema.enumValues.filter((e) => e !== null).map(String);
    const sugg = typeof v === 'string' ? closest(v, allowed, 3) : [];
    report({
      code: 'invalid-enum',
      node,
      message: `${JSON.stringify(v)} is not allowed at ${where}; use one of ${orList(allowed.slice(0, 20))}${allowed.length > 20 ? ', ...' : ''}${sugg.length ? ` (did you mean ${sugg[0]}?)` : ''}`,
      data: { replacements: sugg, allowed },
    });
    return;
  }
  const formatError = !schema.format
    ? undefined
    : typeof v === 'string'
      ? checkStringFormat(schema.format, v)
      : typeof v === 'number'
        ? checkNumberFormat(schema.format, v)
        : undefined;
  if (formatError) {
    report({
      code: 'invalid-format',
      node,
      // Only a Secret's top-level data has a plain-text twin (stringData); a caBundle has none.
      message: `${where}: ${formatError}${schema.format === 'byte' && where.startsWith('data.') ? ' (use stringData for plain text)' : ''}`,
      data: { format: schema.format },
    });
    return;
  }
  if (typeof v === 'string') {
    if (schema.maxLength !== undefined && v.length > schema.maxLength)
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be at most ${schema.maxLength} characters long (it has ${v.length})`,
        overMax: true,
      });
    else if (schema.minLength !== undefined && v.length < schema.minLength)
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'} long`,
      });
    else if (schema.patternSource !== undefined && v.length <= MAX_PATTERN_INPUT) {
      const re = schema.regex();
      if (re && !re.test(v))
        report({
          code: 'invalid-value',
          node,
          message: `${JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v)} does not match the pattern required at ${where}: ${schema.patternSource}`,
          data: { pattern: schema.patternSource },
        });
    }
  } else if (typeof v === 'number') {
    const { minimum: min, maximum: max } = schema;
    if (min !== undefined && (schema.exclusiveMinimum ? v <= min : v < min))
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be ${schema.exclusiveMinimum ? 'greater than' : 'at least'} ${min}`,
      });
    else if (max !== undefined && (schema.exclusiveMaximum ? v >= max : v > max))
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be ${schema.exclusiveMaximum ? 'less than' : 'at most'} ${max}`,
      });
  }
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
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = keyString(item);
    if (k === undefined || isMergeKey(item)) continue;
    const child =
      schema.child(k) ?? (schema.goJson && !allowsUnknown ? foldedProperty(schema, k) : undefined);
    if (!child) {
      if (!allowsUnknown && !full()) {
        const u = unknownField(f, k, item.key, () => (written ??= writtenKeys(map)));
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

/**
 * Go's encoding/json matches a key to a struct field whatever its case (`Enabled` sets `enabled`):
 * the declared property equal to `key` under Unicode simple case folding, as Go's EqualFold compares.
 */
function foldedProperty(schema: SchemaNode, key: string): SchemaNode | undefined {
  const name = schema
    .propertyNames()
    .find((p) => p.length === key.length && [...p].every((c, i) => foldEq(c, key[i])));
  return name === undefined ? undefined : schema.property(name);
}
function foldEq(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

function unknownField(f: Frame, key: string, keyNode: unknown, written: () => ReadonlySet<string>): Finding {
  const names = f.schema.propertyNames();
  const sugg = closest(key, names, 3);
  if (!sugg.length) sugg.push(...extensions(key, names));
  const where = pathOf(f);
  const moved = sugg.length ? undefined : relocationHint(f, key, written());
  let message = `Unknown field \`${key}\`${where ? ` in ${where}` : ''}`;
  if (sugg.length) message += `; did you mean ${orList(sugg)}?`;
  else if (moved) message += `; it belongs ${moved.phrase}`;
  else if (names.length && names.length <= 12) message += `. Allowed here: ${names.join(', ')}`;
  return {
    code: 'unknown-field',
    node: keyNode,
    message,
    data: { replacements: sugg, ...(moved ? { belongsUnder: moved.path } : {}) },
  };
}

/**
 * Fields that spell out the key (`percent` for `percentage`, `header` for `headers`), beyond the edit
 * distance of a slip: an older name of the field, cut short. Only for keys long enough to mean something.
 */
function extensions(key: string, names: readonly string[]): string[] {
  if (key.length < 5) return [];
  const k = key.toLowerCase();
  return names.filter(
    (n) => n.length > key.length && n.length - key.length <= 4 && n.toLowerCase().startsWith(k),
  );
}

// ------------------------------------------------------------------ oneOf / anyOf / not

const MAX_MATCH_DEPTH = 6;

function checkCombinators(f: Frame, present: Map<string, Pair>, report: (f: Finding) => void): void {
  for (const c of f.schema.combinatorNodes()) {
    const results = c.nodes.map((n) => matches(f.node, n, present, 0));
    const count = results.filter(Boolean).length;
    const ok = c.kind === 'oneOf' ? count === 1 : c.kind === 'anyOf' ? count >= 1 : count === 0;
    if (ok) continue;
    const names = [...new Set(c.nodes.flatMap((n) => requiredNames(n)))];
    const set = names.filter((n) => present.has(n));
    const where = pathOf(f);
    if (set.length > 1 && c.kind !== 'anyOf') {
      report({
        code: 'conflicting-fields',
        node: present.get(set[1])!.key,
        message: `Only one of ${orList(names)} may be set${where ? ` in ${where}` : ''}; found ${set.map((s) => `\`${s}\``).join(' and ')}`,
        data: { conflicting: set },
      });
    } else if (set.length === 0 && names.length) {
      report({
        code: 'missing-required',
        node: f.keyNode ?? f.node,
        message: `One of ${orList(names)} must be set${where ? ` in ${where}` : ''}`,
        data: { missing: names },
      });
    } else {
      report({
        code: 'invalid-value',
        node: f.keyNode ?? f.node,
        message: `${where || 'The document'} does not match the allowed combinations of fields${names.length ? ` (${orList(names)})` : ''}`,
      });
    }
    return; // one combinator report per mapping is enough
  }
}

function requiredNames(n: SchemaNode, depth = 0): string[] {
  if (depth > 3) return [];
  return [
    ...n.required,
    ...n.combinatorNodes().flatMap((c) => c.nodes.flatMap((x) => requiredNames(x, depth + 1))),
  ];
}

/** Does a node satisfy a (value-validation) branch? Checks the keywords branches use in practice. */
function matches(node: Node, s: SchemaNode, present: Map<string, Pair> | null, depth: number): boolean {
  if (depth > MAX_MATCH_DEPTH) return true;
  if (s.types !== ANY_TYPE) {
    const t = isMap(node) ? T.Object : isSeq(node) ? T.Array : isScalar(node) ? scalarType(node, '') : 0;
    if (t && !(s.types & t) && !(t === T.Integer && s.types & T.Number)) return false;
  }
  if (s.required.length || s.hasProperties()) {
    if (!isMap(node)) return s.required.length === 0;
    const keys = present ?? keysOf(node);
    if (!s.required.every((r) => keys.has(r))) return false;
    for (const name of s.propertyNames()) {
      const pair = keys.get(name);
      const v = pair?.value;
      const sub = s.property(name);
      if (sub && v && !isAlias(v) && !matches(v as Node, sub, null, depth + 1)) return false;
    }
  }
  if (s.enumValues && isScalar(node) && !s.enumValues.includes(node.value)) return false;
  for (const c of s.combinatorNodes()) {
    const n = c.nodes.filter((x) => matches(node, x, present, depth + 1)).length;
    if (c.kind === 'oneOf' ? n !== 1 : c.kind === 'anyOf' ? n < 1 : n > 0) return false;
  }
  return true;
}

/**
 * The keys of a map for relocation hints, those written with no value first: go-yaml reads `uri:`
 * followed by `prefix: /` at the same indentation as an empty `uri` and a sibling `prefix`, so the
 * key left empty is the one the misindented field was meant to go under.
 */
function writtenKeys(map: YAMLMap): Set<string> {
  const empty: string[] = [];
  const filled: string[] = [];
  for (const p of map.items) {
    const k = isPair(p) ? keyString(p) : undefined;
    if (k === undefined) continue;
    const none = p.value === null || (isScalar(p.value) && p.value.value === null);
    (none ? empty : filled).push(k);
  }
  return new Set([...empty, ...filled]);
}

function keysOf(map: YAMLMap): Map<string, Pair> {
  const m = new Map<string, Pair>();
  for (const p of map.items)
    if (isPair(p)) {
      const k = keyString(p);
      if (k !== undefined && !(isScalar(p.value) && p.value.value === null)) m.set(k, p);
    }
  return m;
}
