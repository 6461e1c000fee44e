// Mutations of real manifests for the fuzz tests: delete, duplicate, swap and re-indent lines,
// insert random bytes or YAML punctuation, truncate. Positions are taken modulo the text so every
// generated mutation applies to every text.
import fc from 'fast-check';

export type Mutation =
  | { op: 'delete'; at: number; count: number }
  | { op: 'duplicate'; at: number; count: number }
  | { op: 'swap'; at: number; other: number }
  | { op: 'indent'; at: number; by: number; tab: boolean }
  | { op: 'bytes'; at: number; bytes: string }
  | { op: 'punct'; at: number; text: string }
  | { op: 'truncate'; at: number };

const PUNCT = [
  '-',
  ': ',
  ':',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!!',
  '!tag ',
  '|',
  '>-',
  '"',
  "'",
  '#',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '? ',
  '<<: ',
  '{{ ',
  '}}',
  '\uFEFF',
  '😀',
  '\u2028',
];

const pos = fc.nat({ max: 1_000_000 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: pos, count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: pos, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('swap' as const), at: pos, other: pos }),
  fc.record({
    op: fc.constant('indent' as const),
    at: pos,
    by: fc.integer({ min: -6, max: 6 }),
    tab: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('bytes' as const),
    at: pos,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => Buffer.from(b).toString('latin1')),
  }),
  fc.record({ op: fc.constant('punct' as const), at: pos, text: fc.constantFrom(...PUNCT) }),
  fc.record({ op: fc.constant('truncate' as const), at: pos }),
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 6 });

export function applyMutation(text: string, m: Mutation): string {
  if (m.op === 'bytes' || m.op === 'punct' || m.op === 'truncate') {
    const at = text.length ? m.at % (text.length + 1) : 0;
    if (m.op === 'truncate') return text.slice(0, at);
    return text.slice(0, at) + (m.op === 'bytes' ? m.bytes : m.text) + text.slice(at);
  }
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.op) {
    case 'delete':
      lines.splice(i, m.count);
      break;
    case 'duplicate':
      lines.splice(i, 0, ...lines.slice(i, i + m.count));
      break;
    case 'swap': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    case 'indent':
      if (m.by >= 0) lines[i] = (m.tab ? '\t' : ' ').repeat(m.by) + lines[i];
      else lines[i] = lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      break;
  }
  return lines.join('\n');
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

/** Budget: FUZZ_RUNS raises it for local runs; CI keeps the default. */
export function fuzzRuns(dflt: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? n : dflt;
}

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261126);
