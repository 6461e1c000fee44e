// The part of Masterminds/sprig (TxtFuncMap) that injection and chart templates use.
import { emitYaml } from './emitYaml';
import type { FuncMap } from './exec';
import { goQuote } from '../../util/goQuote';
import { printValue, truth } from './values';
import { isObj, obj } from '../../util/json';

/** sprig's strval: strings as they are, everything else through fmt %v. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  return printValue(v === undefined ? null : v);
}

export function empty(v: unknown): boolean {
  return !truth(v);
}

function toNum(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isNaN(n) ? 0 : n;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  throw new Error(`cannot convert ${printValue(v)} to a list`);
}

/** Deep merge of maps, later sources win (sprig mergeOverwrite). */
export function mergeOverwrite(dst: Record<string, unknown>, ...srcs: unknown[]): Record<string, unknown> {
  for (const src of srcs) {
    if (!isObj(src)) continue;
    for (const [k, v] of Object.entries(src)) {
      if (isObj(v) && isObj(dst[k])) mergeOverwrite(dst[k], v);
      else dst[k] = deepCopy(v);
    }
  }
  return dst;
}

export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isObj(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = deepCopy(x);
    return o as T;
  }
  return v;
}

/** sigs.k8s.io/yaml Marshal: sorted keys, sequences not indented under their key. */
export function goYaml(v: unknown): string {
  if (v === undefined || v === null) return 'null\n';
  return emitYaml(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

/** Go encoding/json: like JSON.stringify, with Go's HTML-safe escapes. */
export function goJson(v: unknown, indent?: string): string {
  const s = JSON.stringify(v === undefined ? null : v, null, indent) ?? 'null';
  return s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function indentAll(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join('\n' + pad);
}

export const sprig: FuncMap = {
  default: (d, ...given) => (given.length === 0 || empty(given[0]) ? d : given[0]),
  empty: (v) => empty(v),
  coalesce: (...vs) => vs.find((v) => !empty(v)) ?? null,
  ternary: (a, b, cond) => (cond ? a : b),
  quote: (...vs) =>
    vs
      .filter((v) => v !== undefined && v !== null)
      .map((v) => goQuote(strval(v)))
      .join(' '),
  squote: (...vs: unknown[]) =>
    vs
      .filter((v) => v !== undefined && v !== null)
      .map((v) => `'${strval(v)}'`)
      .join(' '),
  toString: (v: unknown) => strval(v),
  trunc: (n, s) => {
    const str = strval(s);
    const c = toNum(n);
    if (c < 0 && str.length + c > 0) return str.slice(str.length + c);
    if (c >= 0 && str.length > c) return str.slice(0, c);
    return str;
  },
  trim: (s) => strval(s).trim(),
  trimAll: (cut, s) => trimSet(strval(s), strval(cut)),
  trimSuffix: (suf: unknown, s: unknown) => {
    const str = strval(s);
    const x = strval(suf);
    return x && str.endsWith(x) ? str.slice(0, -x.length) : str;
  },
  trimPrefix: (pre, s) => {
    const str = strval(s);
    const x = strval(pre);
    return str.startsWith(x) ? str.slice(x.length) : str;
  },
  upper: (s) => strval(s).toUpperCase(),
  lower: (s) => strval(s).toLowerCase(),
  title: (s) => strval(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  replace: (o, n, s) => strval(s).split(strval(o)).join(strval(n)),
  repeat: (n, s) => strval(s).repeat(Math.max(0, toNum(n))),
  hasPrefix: (p, s) => strval(s).startsWith(strval(p)),
  hasSuffix: (p, s) => strval(s).endsWith(strval(p)),
  cat: (...vs) =>
    vs
      .filter((v) => v !== undefined && v !== null)
      .map(strval)
      .join(' '),
  splitList: (sep, s) => strval(s).split(strval(sep)),
  split: (sep, s) =>
    Object.fromEntries(
      strval(s)
        .split(strval(sep))
        .map((x, i) => [`_${i}`, x]),
    ),
  join: (sep, v) => (Array.isArray(v) ? v.map(strval) : [strval(v)]).join(strval(sep)),
  nindent: (n, s) => '\n' + indentAll(toNum(n), strval(s)),
  list: (...vs) => vs,
  append: (l, v) => [...asList(l), v],
  mustAppend: (l, v) => [...asList(l), v],
  prepend: (l, v) => [v, ...asList(l)],
  first: (l) => asList(l)[0] ?? null,
  last: (l) => {
    const a = asList(l);
    return a.length ? a[a.length - 1] : null;
  },
  rest: (l) => asList(l).slice(1),
  initial: (l) => asList(l).slice(0, -1),
  has: (v, l) => asList(l).some((x) => x === v),
  uniq: (l) => [...new Set(asList(l))],
  sortAlpha: (l) => asList(l).map(strval).sort(),
  until: (n) => Array.from({ length: Math.max(0, toNum(n)) }, (_, i) => i),
  dict: (...kv) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < kv.length; i += 2) o[strval(kv[i])] = i + 1 < kv.length ? kv[i + 1] : '';
    return o;
  },
  set: (m, k, v) => {
    const o = obj(m);
    o[strval(k)] = v;
    return o;
  },
  unset: (m, k) => {
    const o = obj(m);
    delete o[strval(k)];
    return o;
  },
  hasKey: (m, k) => Object.prototype.hasOwnProperty.call(obj(m), strval(k)),
  keys: (...ms) => ms.flatMap((m) => Object.keys(obj(m))),
  values: (m) => Object.values(obj(m)),
  pick: (m, ...ks) => {
    const o = obj(m);
    const r: Record<string, unknown> = {};
    for (const k of ks.map(strval)) if (k in o) r[k] = o[k];
    return r;
  },
  get: (m, k) => obj(m)[strval(k)] ?? '',
  merge: (dst, ...srcs) => {
    const d = obj(dst);
    for (const s of srcs) for (const [k, v] of Object.entries(obj(s))) if (!(k in d)) d[k] = v;
    return d;
  },
  mergeOverwrite: (dst, ...srcs) => mergeOverwrite(obj(dst), ...srcs),
  mustMergeOverwrite: (dst, ...srcs) => mergeOverwrite(obj(dst), ...srcs),
  deepCopy: (v) => deepCopy(v),
  toJson: (v) => goJson(v),
  toPrettyJson: (v) => goJson(v, '  '),
  toRawJson: (v) => JSON.stringify(v ?? null),
  int: (v) => Math.trunc(toNum(v)),
  int64: (v) => Math.trunc(toNum(v)),
  float64: (v) => toNum(v),
  atoi: (v) => Math.trunc(toNum(v)),
  add: (...vs) => vs.reduce<number>((a, b) => a + toNum(b), 0),
  add1: (v) => toNum(v) + 1,
  sub: (a, b) => toNum(a) - toNum(b),
  mul: (...vs) => vs.reduce<number>((a, b) => a * toNum(b), 1),
  div: (a, b) => Math.trunc(toNum(a) / toNum(b)),
  mod: (a, b) => toNum(a) % toNum(b),
  max: (...vs) => Math.max(...vs.map(toNum)),
  min: (...vs) => Math.min(...vs.map(toNum)),
  b64enc: (s) => Buffer.from(strval(s)).toString('base64'),
  b64dec: (s) => Buffer.from(strval(s), 'base64').toString(),
  regexMatch: (re, s) => new RegExp(strval(re)).test(strval(s)),
  regexReplaceAll: (re, s, r) =>
    strval(s).replace(new RegExp(strval(re), 'g'), strval(r).replace(/\$\{?(\d+)\}?/g, '$$$1')),
  kindIs: (k, v) => kindOf(v) === k,
  kindOf: (v) => kindOf(v),
  fail: (msg) => {
    throw new Error(strval(msg));
  },
  required: (msg, v) => {
    if (v === undefined || v === null || v === '') throw new Error(strval(msg));
    return v;
  },
};

function kindOf(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'slice';
  if (v && typeof v === 'object') return 'map';
  return 'invalid';
}

export function trimSet(s: string, cut: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && cut.includes(s[a])) a++;
  while (b > a && cut.includes(s[b - 1])) b--;
  return s.slice(a, b);
}
