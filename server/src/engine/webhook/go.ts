// Go standard-library behaviour the validators' checks and messages depend on (strconv, fmt, len).

/** strconv.ParseBool: the accepted spellings, undefined otherwise. */
export function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** strconv.Atoi: the number, or Go's error text. */
export function goAtoi(s: string): { value: number } | { error: string } {
  if (/^[+-]?\d+$/.test(s)) {
    const v = Number(s);
    if (Number.isSafeInteger(v) && Math.abs(v) < 2 ** 63) return { value: v };
    return { error: `strconv.Atoi: parsing ${goQuoteAscii(s)}: value out of range` };
  }
  return { error: `strconv.Atoi: parsing ${goQuoteAscii(s)}: invalid syntax` };
}

function goQuoteAscii(s: string): string {
  return JSON.stringify(s);
}

/** len() of a Go string: its UTF-8 byte count. */
export function byteLen(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** fmt's %v of a float64: shortest digits, exponent form below 1e-4 and from 1e21 on. */
export function goFloat(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? '0' : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp >= -4 && exp < 21) return String(v);
  const [m, e] = v.toExponential().split('e');
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** fmt's %f: six decimals. */
export const goFixed = (v: number): string => v.toFixed(6);

/** net/http.StatusText is non-empty for these codes. */
export const HTTP_STATUS_CODES: ReadonlySet<number> = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307,
  308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
  422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);
