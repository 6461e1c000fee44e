// text/template's predefined functions (and/or are short-circuited in exec.ts).
import { goQuote } from '../../util/goQuote';
import type { FuncMap } from './exec';
import { element, formatNumber, isStringMap, printValue, truth } from './values';

export function zeroLike(v: unknown): unknown {
  if (typeof v === 'string') return '';
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return false;
  return null;
}

/** Go's eq on basic values; a missing value (undefined) compares as the zero value of the other side. */
export function goEq(a: unknown, b: unknown): boolean {
  if (a === undefined) a = zeroLike(b);
  if (b === undefined) b = zeroLike(a);
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) throw new Error(`incompatible types for comparison`);
  if (typeof a === 'object') throw new Error('non-comparable type');
  return a === b;
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined) a = zeroLike(b);
  if (b === undefined) b = zeroLike(a);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new Error('incompatible types for comparison');
}

export function goLen(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') return Object.keys(v).length;
  if (v === undefined || v === null) return 0;
  throw new Error(`len of type ${typeof v}`);
}

export function goIndex(v: unknown, ...keys: unknown[]): unknown {
  for (const k of keys) {
    if (Array.isArray(v)) {
      if (typeof k !== 'number' || k < 0 || k >= v.length)
        throw new Error(`index out of range: ${printValue(k)}`);
      v = element(v, v[k]);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const key = String(k);
      v = Object.prototype.hasOwnProperty.call(o, key) ? o[key] : isStringMap(o) ? '' : undefined;
    } else if (v === undefined || v === null) {
      return undefined;
    } else if (typeof v === 'string' && typeof k === 'number') {
      v = v.charCodeAt(k);
    } else {
      throw new Error(`can't index item of type ${typeof v}`);
    }
  }
  return v;
}

/** fmt.Sprint: spaces are added between operands when neither is a string. */
export function sprint(args: unknown[]): string {
  let s = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') s += ' ';
    s += printValue(a === undefined ? null : a);
  });
  return s;
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %t %q %f %x %%. */
export function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(
    /%([-+# 0]*)(\d+)?(?:\.(\d+))?([svdtqfgxX%])/g,
    (_m, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (i >= args.length) return `%!${verb}(MISSING)`;
      const a = args[i++];
      let s: string;
      switch (verb) {
        case 'd':
          s = typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${printValue(a)})`;
          break;
        case 't':
          s = typeof a === 'boolean' ? String(a) : `%!t(${printValue(a)})`;
          break;
        case 'q':
          s = goQuote(typeof a === 'string' ? a : printValue(a));
          break;
        case 'f':
          s = typeof a === 'number' ? a.toFixed(prec ? Number(prec) : 6) : `%!f(${printValue(a)})`;
          break;
        case 'g':
          s = typeof a === 'number' ? formatNumber(a) : `%!g(${printValue(a)})`;
          break;
        case 'x':
        case 'X':
          s = typeof a === 'number' ? a.toString(16) : Buffer.from(String(a)).toString('hex');
          if (verb === 'X') s = s.toUpperCase();
          break;
        default:
          s = printValue(a === undefined ? null : a);
      }
      if (width && s.length < Number(width))
        s = flags.includes('-') ? s.padEnd(Number(width)) : s.padStart(Number(width));
      return s;
    },
  );
}

export const builtins: FuncMap = {
  not: (v) => !truth(v),
  eq: (a, ...bs) => {
    if (!bs.length) throw new Error('missing argument for comparison');
    return bs.some((b) => goEq(a, b));
  },
  ne: (a, b) => !goEq(a, b),
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  len: (v) => goLen(v),
  index: (v, ...keys) => goIndex(v, ...keys),
  slice: (v, ...idx) => {
    const [a = 0, b] = idx as number[];
    if (typeof v === 'string' || Array.isArray(v)) return v.slice(a, b);
    throw new Error("can't slice");
  },
  print: (...args) => sprint(args),
  println: (...args) => args.map((a) => printValue(a === undefined ? null : a)).join(' ') + '\n',
  printf: (format, ...args) => sprintf(String(format), args),
  call: (fn, ...args) => {
    if (typeof fn !== 'function') throw new Error('call of non-function');
    return (fn as (...a: unknown[]) => unknown)(...args);
  },
  html: (...args) =>
    sprint(args).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!,
    ),
  urlquery: (...args) => encodeURIComponent(sprint(args)),
  js: (...args) =>
    sprint(args).replace(
      /[\\'"<>&=]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase(),
    ),
};
