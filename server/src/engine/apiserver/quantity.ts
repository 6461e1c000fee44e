// resource.Quantity as the validators compare it: an exact rational value (requests ≤ limits).
// Printing uses the canonical form (util/quantity.ts), as quantity.String() does.

type Quantity = Readonly<{ num: bigint; den: bigint }>;

/** By text: manifests repeat a few quantities (`100m`, `128Mi`) in every container. */
const known = new Map<string, Quantity | undefined>();
const MAX_KNOWN = 1000;

/** num/den, exact; undefined when `v` is not a quantity (the schema rule reports those). */
export function quantityValue(v: unknown): Quantity | undefined {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  if (text === undefined) return undefined;
  if (known.has(text)) return known.get(text);
  const q = parse(text);
  if (text.length > 64) return q;
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(text, q);
  return q;
}

function parse(text: string): Quantity | undefined {
  const m = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(text);
  if (!m || (m[2] === undefined && !m[3])) return undefined;
  const [, sign, int = '', frac = '', exp, suffix = ''] = m;
  let num = BigInt((int + frac).replace(/^0+(?=\d)/, '') || '0');
  if (sign === '-') num = -num;
  let den = 10n ** BigInt(frac.length);
  const bin = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'].indexOf(suffix);
  const dec: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  const e10 = exp !== undefined ? Number(exp) : bin >= 0 ? 0 : dec[suffix];
  if (Math.abs(e10) > 100) return undefined;
  if (bin >= 0) num *= 1024n ** BigInt(bin + 1);
  if (e10 >= 0) num *= 10n ** BigInt(e10);
  else den *= 10n ** BigInt(-e10);
  return { num, den };
}

/** a <=> b */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const l = a.num * b.den,
    r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
