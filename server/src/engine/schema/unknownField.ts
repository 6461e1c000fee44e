// A key the schema does not declare: Go's case-insensitive match of a struct field, and the unknown-field
// finding with its did-you-mean, the field it belongs under, or the fields allowed there.
import { isMap, isPair, isScalar, type YAMLMap } from 'yaml';
import { keyString } from '../parse/nodes';
import { T, type SchemaNode } from './compile';
import { closest, orList } from './suggest';
import { relocationHint } from './relocate';
import { pathOf, type Frame } from './frame';
import type { Finding } from './finding';

/**
 * Go's encoding/json matches a key to a struct field whatever its case (`Enabled` sets `enabled`):
 * the declared property equal to `key` under Unicode simple case folding, as Go's EqualFold compares.
 */
export function foldedProperty(schema: SchemaNode, key: string): SchemaNode | undefined {
  const name = schema
    .propertyNames()
    .find((p) => p.length === key.length && [...p].every((c, i) => foldEq(c, key[i])));
  return name === undefined ? undefined : schema.property(name);
}
function foldEq(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

/**
 * The unknown-field finding of a field a release removed (removedFields.ts): when it went and what
 * replaces it, in place of the did-you-mean or the list of allowed fields.
 */
export function removedFieldFinding(f: Finding, fate: string): Finding {
  const { key, path } = f.field!;
  return {
    ...f,
    message: `Unknown field \`${key}\`${path ? ` in ${path}` : ''}: it ${fate}`,
    data: { replacements: [] },
  };
}

/** The unknown-field finding of a field of the other API naming this kind (otherApi.ts). */
export function otherApiFinding(f: Finding, note: string): Finding {
  const { key, path } = f.field!;
  return {
    ...f,
    message: `Unknown field \`${key}\`${path ? ` in ${path}` : ''}${note}`,
    data: { replacements: [] },
  };
}

export function unknownField(
  f: Frame,
  key: string,
  keyNode: unknown,
  written: () => ReadonlySet<string>,
  value?: unknown,
): Finding {
  const names = f.schema.propertyNames();
  // A field the mapping already has is no rename for this key: renaming would repeat it. `subFilter`
  // beside `filter` in an EnvoyFilter's filterChain is `filter`'s own field, written one level too high.
  const free = names.filter((n) => !written().has(n));
  const sugg = closest(key, free, 3);
  if (!sugg.length) sugg.push(...extensions(key, free));
  const where = pathOf(f);
  const hint = sugg.length ? undefined : relocationHint(f, key, written());
  const moved = hint && fits(value, hint.field) ? hint : undefined;
  let message = `Unknown field \`${key}\`${where ? ` in ${where}` : ''}`;
  if (sugg.length) message += `; did you mean ${orList(sugg)}?`;
  else if (moved) message += `; it belongs ${moved.phrase}`;
  else if (names.length && names.length <= 12) message += `. Allowed here: ${names.join(', ')}`;
  return {
    code: 'unknown-field',
    node: keyNode,
    message,
    data: { replacements: sugg, ...(moved ? { belongsUnder: moved.path } : {}) },
    field: { key, path: where },
  };
}

/**
 * Whether a mapping written under the key could be the field's value where it belongs: the field declares
 * none of its keys (an Istio Gateway's `selector: {istio: ingressgateway}` written on a Gateway API Gateway,
 * whose `allowedListeners.namespaces.selector` is a LabelSelector) and it is another field of the same
 * name, not this one misplaced. Other values are not judged.
 */
function fits(value: unknown, field: SchemaNode | undefined): boolean {
  if (!field || !isMap(value) || !value.items.length) return true;
  const target = field.types === T.Array ? field.items() : field;
  if (!target?.hasProperties() || target.allowsUnknown()) return true;
  return value.items.some((p) => {
    const k = isPair(p) ? keyString(p) : undefined;
    return k !== undefined && target.property(k) !== undefined;
  });
}

/**
 * Fields that spell out the key (`percent` for `percentage`, `header` for `headers`), beyond the edit
 * distance of a slip: an older name of the field, cut short, or the field without its last word
 * (`consecutive5xx` for `consecutive5xxErrors`, `initialDelay` for `initialDelaySeconds`). Only for keys
 * long enough to mean something.
 */
function extensions(key: string, names: readonly string[]): string[] {
  if (key.length < 5) return [];
  const k = key.toLowerCase();
  return names.filter(
    (n) =>
      n.length > key.length &&
      n.toLowerCase().startsWith(k) &&
      (n.length - key.length <= 4 || LAST_WORD.test(n.slice(key.length))),
  );
}

/** One more word of a camelCase name: a capital, then lower-case letters or digits. */
const LAST_WORD = /^[A-Z][a-z0-9]+$/;

/**
 * The keys of a map for relocation hints, those written with no value first: go-yaml reads `uri:`
 * followed by `prefix: /` at the same indentation as an empty `uri` and a sibling `prefix`, so the
 * key left empty is the one the misindented field was meant to go under.
 */
export function writtenKeys(map: YAMLMap): Set<string> {
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
