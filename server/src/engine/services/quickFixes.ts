// Quick fixes computed from the `data` a rule attached to its diagnostic. Each fixer edits only the
// offending node (or the lines of the offending pair): all other text stays byte for byte.
import type { Pair } from 'yaml';
import type { EngineDiagnostic } from '../model/diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import { docAt, pairWithKeyAt } from '../parse/findNode';
import type { CodeActionResult, TextEdit } from './types';
import { toText } from '../util/json';

export type Fixer = (file: ParsedFile, d: EngineDiagnostic) => Omit<CodeActionResult, 'diagnostics'>[];

const fixers = new Map<string, Fixer>();

/** Areas (annotations, injection...) register fixers for their own `data.fix` values. */
export function registerFixer(name: string, fixer: Fixer): void {
  fixers.set(name, fixer);
}

export function quickFixes(file: ParsedFile, diags: readonly EngineDiagnostic[]): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  diags.forEach((d, i) => {
    const data = d.data;
    if (!data) return;
    for (const r of data.replacements ?? []) {
      out.push({
        title: `Change to '${r}'`,
        kind: 'quickfix',
        diagnostics: [i],
        edits: [{ range: d.range, newText: r }],
        isPreferred: data.replacements!.length === 1,
      });
    }
    const name = typeof data.fix === 'string' ? data.fix : undefined;
    const fixer = name ? fixers.get(name) : undefined;
    if (fixer) for (const a of fixer(file, d)) out.push({ ...a, diagnostics: [i] });
  });
  return out;
}

// --- built-in fixers -------------------------------------------------------------------------

registerFixer('quote', (file, d) => {
  const start = file.lines.offsetAt(d.range.start),
    end = file.lines.offsetAt(d.range.end);
  const raw = file.text.slice(start, end);
  return [
    {
      title: `Quote ${raw} as a string`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ range: d.range, newText: JSON.stringify(raw) }],
    },
  ];
});

registerFixer('remove-pair', (file, d) => {
  const edit = removePairEdit(file, file.lines.offsetAt(d.range.start));
  return edit
    ? [{ title: 'Remove this duplicate key', kind: 'quickfix', isPreferred: true, edits: [edit] }]
    : [];
});

registerFixer('remove-duplicates', (file, d) => {
  const key = toText(d.data?.key ?? '');
  const at = file.lines.offsetAt(d.range.start);
  const hit = docAt(file, at) && pairWithKeyAt(docAt(file, at)!, at);
  if (!hit) return [];
  const map = hit.parent as unknown as { items: { key?: { value?: unknown; range?: number[] } }[] };
  const repeats = map.items.filter((p) => p.key && String(p.key.value) === key).slice(1);
  // Edits from the pairs in hand: re-locating each one by offset made 20,000 repeats quadratic.
  const edits = repeats.flatMap((p) => {
    const e = p.key?.range ? pairRemovalEdit(file, p as unknown as Pair, hit.parent) : undefined;
    return e ? [e] : [];
  });
  return edits.length
    ? [
        {
          title: `Remove the ${edits.length} repeats of \`${key}\` (keep the first)`,
          kind: 'quickfix',
          edits,
        },
      ]
    : [];
});

/** Deletes a block-mapping pair with its whole lines (key line through the value's last line). */
export function removePairEdit(file: ParsedFile, keyOffset: number): TextEdit | undefined {
  const doc = docAt(file, keyOffset);
  const hit = doc && pairWithKeyAt(doc, keyOffset);
  return hit ? pairRemovalEdit(file, hit.pair, hit.parent) : undefined;
}

function pairRemovalEdit(file: ParsedFile, pair: Pair, parent: unknown): TextEdit | undefined {
  const keyOffset = (pair.key as { range?: number[] } | null)?.range?.[0];
  if (keyOffset === undefined) return undefined;
  const parentFlow = (parent as { flow?: boolean }).flow;
  const valueEnd = (pair.value as { range?: number[] } | null)?.range?.[1] ?? keyOffset;
  if (parentFlow) {
    // `{a: 1, a: 2}`: remove ", a: 2" (the separator before the pair).
    let s = keyOffset;
    while (s > 0 && /[\s,]/.test(file.text[s - 1])) s--;
    return { range: file.lines.range(s, valueEnd), newText: '' };
  }
  const startLine = file.lines.positionAt(keyOffset).line;
  const endLine = file.lines.positionAt(Math.max(keyOffset, valueEnd - 1)).line;
  const lineStart = file.lines.lineStart(startLine);
  // `- a: 1`: something precedes the key on its line, so keep the line's start.
  const from = /^\s*$/.test(file.text.slice(lineStart, keyOffset)) ? lineStart : keyOffset;
  const to = endLine + 1 < file.lines.lineCount ? file.lines.lineStart(endLine + 1) : file.text.length;
  return { range: file.lines.range(from, to), newText: '' };
}
