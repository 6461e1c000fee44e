// Quick fixes computed from the `data` a rule attached to its diagnostic. Each fixer edits only the
// offending node (or the lines of the offending pair): all other text stays byte for byte.
import type { Pair } from 'yaml';
import type { EngineDiagnostic } from '../model/diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import { docAt, pairWithKeyAt } from '../parse/findNode';
import type { CodeActionResult } from './types';
import type { Fixer } from '../model/fix';
import { pairRemovalEdit, removePairEdit } from '../parse/edits';
import { ANNOTATION_FIXERS } from '../annotations/fixes';
import { APISERVER_FIXERS } from '../apiserver/fixes';
import { WEBHOOK_FIXERS } from '../webhook/fixes';
import { toText } from '../util/json';

export type { Fixer };

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
    const fixer = name ? FIXERS.get(name) : undefined;
    if (fixer) for (const a of fixer(file, d)) out.push({ ...a, diagnostics: [i] });
  });
  return out;
}

// --- built-in fixers -------------------------------------------------------------------------

const BUILT_IN: Record<string, Fixer> = {};

BUILT_IN['quote'] = (file, d) => {
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
};

BUILT_IN['remove-pair'] = (file, d) => {
  const out: ReturnType<Fixer> = [];
  const edit = removePairEdit(file, file.lines.offsetAt(d.range.start));
  if (edit)
    out.push({ title: 'Remove this duplicate key', kind: 'quickfix', isPreferred: true, edits: [edit] });
  // The cluster applies the last value (go-yaml keeps the last repeat): keeping it is the other choice.
  const first = d.relatedInformation?.[0];
  const keepThis = first && removePairEdit(file, file.lines.offsetAt(first.range.start));
  if (keepThis)
    out.push({
      title: 'Remove the first one instead (keep this value, which takes effect)',
      kind: 'quickfix',
      edits: [keepThis],
    });
  return out;
};

BUILT_IN['remove-duplicates'] = (file, d) => {
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
};

/** Every fixer by its `data.fix` name: the built-in ones and those of the areas that know the findings. */
const FIXERS = new Map<string, Fixer>(
  Object.entries({ ...BUILT_IN, ...ANNOTATION_FIXERS, ...APISERVER_FIXERS, ...WEBHOOK_FIXERS }),
);
