// Go's fmt.Sprintf for the verbs Istio's message templates use: %s %q %v %d and %%.
// Slices print as Go does ([a b]); a missing argument prints %!v(MISSING).
import { goQuote } from './goQuote';
import { toText } from './json';

export function goFormat(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%([%sqvd])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    return formatValue(args[i++], verb);
  });
}

function formatValue(v: unknown, verb: string): string {
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, verb)).join(' ')}]`;
  if (verb === 'q')
    return typeof v === 'string'
      ? goQuote(v)
      : typeof v === 'number'
        ? `'${String.fromCodePoint(v)}'`
        : goQuote(plain(v));
  if (verb === 'd') return typeof v === 'number' ? String(Math.trunc(v)) : `%!d(string=${plain(v)})`;
  return plain(v);
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `map[${entries.map(([k, x]) => `${k}:${plain(x)}`).join(' ')}]`;
  }
  return toText(v);
}

export { goQuote };
