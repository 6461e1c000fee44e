// Kubernetes resource.Quantity canonical form (what kube-inject prints after its Go round trip):
// 2000m → "2", 1024Mi → "1Gi", 0.1 → "100m", 1500 → "1500", 2000 → "2k".

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(
  Object.entries(DECIMAL).map(([s, e]) => [e, s]),
);
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The canonical text of a quantity, or undefined when `v` is not one (left as written). */
export function canonicalQuantity(v: unknown): string | undefined {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  if (text === undefined) return undefined;
  const m = text.match(/^([+-]?)(\d+)?(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/);
  if (!m || (m[2] === undefined && !m[3])) return undefined;
  const [, sign, int = '', frac = '', exp, suffix = ''] = m;
  let mant = BigInt((int + frac).replace(/^0+(?=\d)/, '') || '0');
  if (sign === '-') mant = -mant;
  let e10 = -frac.length;
  let format: 'dec' | 'bin' | 'exp' = 'dec';
  let bin = 0;
  if (exp) {
    e10 += Number(exp.slice(1));
    format = 'exp';
  } else if (suffix in BINARY) {
    bin = BINARY[suffix];
    format = 'bin';
  } else e10 += DECIMAL[suffix];
  if (mant === 0n) return '0';

  if (format === 'bin') {
    // Exact integer value = mant * 10^e10 * 1024^bin; small or fractional values print as DecimalSI.
    let num = mant * 1024n ** BigInt(bin);
    let den = 1n;
    if (e10 >= 0) num *= 10n ** BigInt(e10);
    else den = 10n ** BigInt(-e10);
    const abs = num < 0n ? -num : num;
    if (num % den === 0n && abs / den >= 1024n) {
      let value = num / den;
      let k = 0;
      while (k < 6 && value % 1024n === 0n) {
        value /= 1024n;
        k++;
      }
      return `${value}${BINARY_SUFFIX[k]}`;
    }
    // Fall back to decimal: express num/den as mant * 10^e10 exactly when possible.
    let d = den;
    let e = 0;
    while (d > 1n && d % 10n === 0n) {
      d /= 10n;
      e--;
    }
    while (d > 1n && d % 2n === 0n) {
      d /= 2n;
      num *= 5n;
      e--;
    }
    while (d > 1n && d % 5n === 0n) {
      d /= 5n;
      num *= 2n;
      e--;
    }
    if (d !== 1n) return undefined;
    mant = num;
    e10 = e;
    format = 'dec';
  }
  while (mant % 10n === 0n) {
    mant /= 10n;
    e10++;
  }
  while (((e10 % 3) + 3) % 3 !== 0) {
    mant *= 10n;
    e10--;
  }
  if (e10 < -9) {
    // below nano: Go rounds up to 1n
    const scale = 10n ** BigInt(-9 - e10);
    mant = (mant + scale - 1n) / scale;
    return canonicalQuantity(`${mant}n`);
  }
  if (format === 'exp') return e10 === 0 ? `${mant}` : `${mant}e${e10}`;
  if (e10 > 18) return `${mant * 10n ** BigInt(e10 - 18)}E`;
  return `${mant}${DECIMAL_SUFFIX[e10]}`;
}
