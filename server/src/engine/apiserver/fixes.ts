// Quick fixes for a workload whose selector does not match its pod template's labels: copy the
// template labels into `selector.matchLabels`, or the selector's labels into the template (the
// user picks). Edits replace or add only the label pairs concerned. And for an object exported from a
// cluster: remove its resourceVersion, or everything the cluster set (clusterSet.ts).
import { isMap, isPair, isScalar, type Node, type YAMLMap } from 'yaml';
import type { EngineDiagnostic } from '../model/diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import { docAt } from '../parse/findNode';
import { getIn, keyString, nodeSpan, type PathSegment } from '../parse/nodes';
import type { Fixer } from '../model/fix';
import type { CodeActionResult } from '../model/fix';
import type { TextEdit } from '../parse/edits';
import { CLUSTER_SET_FIX } from './meta';
import { clusterSetFixer } from './clusterSet';

type Action = Omit<CodeActionResult, 'diagnostics'>;

const FIXERS: Record<string, Fixer> = { [CLUSTER_SET_FIX]: clusterSetFixer };
/** This area's quick fixes by `data.fix` name; services/quickFixes.ts lists them. */
export const APISERVER_FIXERS: Readonly<Record<string, Fixer>> = FIXERS;

FIXERS['k8s-selector-labels'] = (file, d) => {
  const doc = docAt(file, file.lines.offsetAt(d.range.start));
  const sel = d.data?.selectorPath;
  const tpl = d.data?.templatePath;
  if (!doc || !Array.isArray(sel) || !Array.isArray(tpl)) return [];
  const root = doc.ast.contents;
  const selector = getIn(root, sel as PathSegment[], doc.ast);
  const matchLabels = getIn(root, [...(sel as PathSegment[]), 'matchLabels'], doc.ast);
  const labels = getIn(root, [...(tpl as PathSegment[]), 'metadata', 'labels'], doc.ast);
  if (!isMap(selector) || !isMap(matchLabels) || !isMap(labels)) return [];
  const out: Action[] = [];
  // Selector ← labels: certain only when the selector is labels alone.
  if (!selector.items.some((p) => isPair(p) && keyString(p) === 'matchExpressions')) {
    const edit = replaceMap(file, matchLabels, labels);
    if (edit)
      out.push({ title: 'Make the selector match the template labels', kind: 'quickfix', edits: [edit] });
  }
  const edits = mergeInto(file, labels, matchLabels);
  if (edits.length)
    out.push({ title: 'Add the selector labels to the template labels', kind: 'quickfix', edits });
  return out;
};

function column(file: ParsedFile, offset: number): number {
  return file.lines.positionAt(offset).character;
}

/** The text of `src` re-indented to stand where `dst` stands. */
function replaceMap(file: ParsedFile, dst: YAMLMap, src: YAMLMap): TextEdit | undefined {
  const s = nodeSpan(src),
    t = nodeSpan(dst);
  if (!s || !t) return undefined;
  let text = file.text.slice(s[0], s[1]).replace(/\s+$/, '');
  const from = column(file, s[0]),
    to = column(file, t[0]);
  if (!src.flow)
    text = text.replace(/\n( *)/g, (_m, sp: string) => '\n' + ' '.repeat(Math.max(0, sp.length - from + to)));
  const end = file.text.slice(t[0], t[1]).replace(/\s+$/, '').length + t[0];
  return { range: file.lines.range(t[0], end), newText: text };
}

/** Sets each selector label in the template labels: changed values replaced, missing pairs added. */
function mergeInto(file: ParsedFile, labels: YAMLMap, want: YAMLMap): TextEdit[] {
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const p of want.items) {
    if (!isPair(p) || !isScalar(p.value)) continue;
    const k = keyString(p);
    if (k === undefined) continue;
    const v = String(p.value.value);
    const have = labels.items.find((q) => isPair(q) && keyString(q) === k);
    const hv = have && isPair(have) ? (have.value as Node | null) : undefined;
    if (hv && isScalar(hv)) {
      if (String(hv.value) !== v) {
        const span = nodeSpan(hv);
        if (span) edits.push({ range: file.lines.range(span[0], span[1]), newText: JSON.stringify(v) });
      }
    } else if (!have) missing.push(`${k}: ${JSON.stringify(v)}`);
  }
  if (missing.length) {
    const last = labels.items[labels.items.length - 1];
    const lastSpan = isPair(last) ? (nodeSpan(last.value) ?? nodeSpan(last.key)) : undefined;
    const first = labels.items[0];
    const firstKey = isPair(first) ? nodeSpan(first.key) : undefined;
    if (!lastSpan || !firstKey) return edits;
    const at = file.text.slice(lastSpan[0], lastSpan[1]).replace(/\s+$/, '').length + lastSpan[0];
    const text = labels.flow
      ? missing.map((m) => `, ${m}`).join('')
      : missing.map((m) => `\n${' '.repeat(column(file, firstKey[0]))}${m}`).join('');
    edits.push({ range: file.lines.range(at, at), newText: text });
  }
  return edits;
}

export type { EngineDiagnostic };
