// Guards and defensive readers over plain JSON/YAML values: manifests, settings and bundles may hold any
// type anywhere, and the engine treats a wrong type as absent instead of throwing. The one home for these
// helpers: import them from here rather than redefining them.

/** A JSON/YAML mapping as plain JS. */
export type Obj = Record<string, unknown>;

/** A mapping (not null, not an array). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `v` as a mapping, or an empty one. */
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** `v` as an array, or an empty one. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);

/** The mappings among `v`'s items (a non-array is empty). */
export const objs = (v: unknown): Obj[] => arr(v).filter(isObj);

/** The strings among `v`'s items (a non-array is empty). */
export const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

/** A string, or a number/boolean in its JSON spelling (as YAML may type `80` or `true`), else ''. */
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** A string, or undefined for any other type. */
export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A number, or undefined for any other type. */
export const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Numbers, and integer strings as protobuf's JSON form accepts them. */
export const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
};

/** The value at `path` below `v` (mapping keys and array indices), or undefined. */
export function valueAt(v: unknown, ...path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const k of path) {
    if (typeof k === 'number') cur = Array.isArray(cur) ? (cur as unknown[])[k] : undefined;
    else cur = isObj(cur) ? cur[k] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** `String(v)` for a scalar; JSON for a mapping or list (never `[object Object]`). */
export function toText(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    try {
      return JSON.stringify(v);
    } catch {
      return ''; // a cycle: nothing printable
    }
  }
  return String(v);
}

/**
 * JSON with every mapping's keys sorted, as Go's json.Marshal writes a map: one text for one value however
 * its keys were written (error values in messages, policies compared for equality).
 */
export function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    isObj(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );
}
