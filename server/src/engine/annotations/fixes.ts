// Quick fixes for the annotation findings: move a pod annotation/label from a workload's own
// metadata into its pod template (IST0107), and turn the deprecated sidecar.istio.io/inject
// annotation into the label (IST0135). Edits touch only the moved pair and the insertion point.
import { isMap, isPair, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { EngineDiagnostic } from '../model/diagnostic';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import { docAt, pathAt } from '../parse/findNode';
import { getIn, keyString, type PathSegment } from '../parse/nodes';
import { removePairEdit, type TextEdit } from '../parse/edits';
import type { Fixer } from '../model/fix';
import { toText } from '../util/json';

const FIXERS: Record<string, Fixer> = {};
/** This area's quick fixes by `data.fix` name; services/quickFixes.ts lists them. */
export const ANNOTATION_FIXERS: Readonly<Record<string, Fixer>> = FIXERS;

FIXERS['move-to-pod-template'] = (file, d) => {
  const src = locate(file, d);
  const tplPath = d.data?.podTemplatePath;
  const leaf = d.data?.keyKind === 'label' ? 'labels' : 'annotations';
  if (!src || !Array.isArray(tplPath)) return [];
  const existing = getIn(
    src.doc.ast.contents,
    [...(tplPath as PathSegment[]), 'metadata', leaf],
    src.doc.ast,
  );
  const already = isMap(existing) && existing.items.some((p) => isPair(p) && keyString(p) === src.key);
  const insert = already
    ? []
    : insertEdits(file, src.doc, [...(tplPath as PathSegment[]), 'metadata', leaf], src.key, src.valueText);
  if (!already && !insert.length) return [];
  const where = [...(tplPath as PathSegment[]).filter((s) => typeof s === 'string'), 'metadata', leaf].join(
    '.',
  );
  return [
    {
      title: already
        ? `Remove ${src.key} here (the pod template already sets it)`
        : `Move ${src.key} to ${where}`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [...removeEdits(file, src), ...insert],
    },
  ];
};

FIXERS['annotation-to-label'] = (file, d) => {
  const src = locate(file, d);
  if (!src) return [];
  const given = d.data?.labelsPath;
  const labelsPath = Array.isArray(given) ? (given as PathSegment[]) : [...src.path.slice(0, -2), 'labels'];
  const labels = getIn(src.doc.ast.contents, labelsPath, src.doc.ast);
  const already = isMap(labels) && labels.items.some((p) => isPair(p) && keyString(p) === src.key);
  const insert = already ? [] : insertEdits(file, src.doc, labelsPath, src.key, src.valueText);
  if (!already && !insert.length) return [];
  const where = labelsPath.filter((s) => typeof s === 'string').join('.');
  return [
    {
      title: `Replace the ${src.key} annotation with the label in ${where}`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [...removeEdits(file, src), ...insert],
    },
  ];
};

interface Source {
  doc: ParsedDoc;
  pair: Pair<Node, Node>;
  map: YAMLMap;
  path: PathSegment[];
  key: string;
  valueText: string;
}

function locate(file: ParsedFile, d: EngineDiagnostic): Source | undefined {
  const at = file.lines.offsetAt(d.range.start);
  const doc = docAt(file, at);
  if (!doc) return undefined;
  const hit = pathAt(doc, at);
  if (!hit.onKey || !hit.pair || !isMap(hit.parent)) return undefined;
  const key = keyString(hit.pair);
  if (key === undefined) return undefined;
  return {
    doc,
    pair: hit.pair,
    map: hit.parent,
    path: hit.path,
    key,
    valueText: scalarText(file, hit.pair.value),
  };
}

/** The value as YAML for a single line: plain text kept, anything multi-line or odd re-quoted. */
function scalarText(file: ParsedFile, v: Node | null): string {
  if (!isScalar(v)) return '""';
  const r = v.range;
  const raw = r ? file.text.slice(r[0], r[1]) : '';
  if (raw && !raw.includes('\n') && !/^[|>]/.test(raw)) return raw;
  return JSON.stringify(v.value == null ? '' : toText(v.value));
}

/** Removes the pair; when it was the mapping's only entry, removes the whole `annotations:` key. */
function removeEdits(file: ParsedFile, src: Source): TextEdit[] {
  const only = src.map.items.length === 1 && !src.map.flow;
  if (only) {
    const parent = getIn(src.doc.ast.contents, src.path.slice(0, -2), src.doc.ast);
    const owner = isMap(parent) ? parent.items.find((p) => isPair(p) && p.value === src.map) : undefined;
    const keyStart = owner && (owner.key as Node | null)?.range?.[0];
    const e = keyStart !== undefined ? removePairEdit(file, keyStart) : undefined;
    if (e) return [e];
  }
  const start = (src.pair.key as Node | null)?.range?.[0];
  const e = start !== undefined ? removePairEdit(file, start) : undefined;
  return e ? [e] : [];
}

/**
 * Inserts `key: value` into the block mapping at `path`, creating the missing mappings on the way
 * (e.g. `metadata:` and `annotations:` under an existing `template:`).
 */
function insertEdits(
  file: ParsedFile,
  doc: ParsedDoc,
  path: readonly PathSegment[],
  key: string,
  value: string,
): TextEdit[] {
  // Find the deepest existing mapping on the path.
  let depth = 0;
  let cur: unknown = doc.ast.contents;
  let ownerPair: Pair | undefined;
  for (; depth < path.length; depth++) {
    if (!isMap(cur)) break;
    const p = cur.items.find((x) => keyString(x) === path[depth]);
    if (!p) break;
    ownerPair = p;
    cur = p.value;
  }
  const missing = path.slice(depth).map(String);
  const line = `${key}: ${value}`;
  if (isMap(cur) && depth > 0) {
    if (cur.flow) {
      const r = cur.range;
      if (!r) return [];
      const body = file.text.slice(r[0] + 1, r[1] - 1).trim();
      const inner = nest(missing, line);
      return [{ range: file.lines.range(r[0], r[1]), newText: `{${body ? body + ', ' : ''}${inner}}` }];
    }
    const first = cur.items[0] as Pair | undefined;
    const last = cur.items[cur.items.length - 1] as Pair | undefined;
    const firstKey = (first?.key as Node | null)?.range?.[0];
    if (firstKey === undefined || !last) return [];
    const indent = column(file, firstKey);
    return [insertAt(file, lineAfter(file, endOf(last)), block(missing, line, indent))];
  }
  // The path stops at a pair whose value is empty (`annotations:` with nothing under it) or missing.
  if (
    depth === path.length &&
    ownerPair &&
    (ownerPair.value == null || (isScalar(ownerPair.value) && ownerPair.value.value == null))
  ) {
    const keyStart = (ownerPair.key as Node | null)?.range?.[0];
    if (keyStart === undefined) return [];
    const v = ownerPair.value as Node | null;
    const valueRange = v?.range;
    const indent = column(file, keyStart) + 2;
    if (valueRange && valueRange[1] > valueRange[0]) {
      // `annotations: null` / `annotations: ~`: replace the value.
      return [
        { range: file.lines.range(valueRange[0], valueRange[1]), newText: `\n${' '.repeat(indent)}${line}` },
      ];
    }
    return [insertAt(file, lineAfter(file, keyStart), `${' '.repeat(indent)}${line}\n`)];
  }
  return [];
}

function nest(keys: string[], line: string): string {
  return keys.reduceRight((acc, k) => `${k}: {${acc}}`, line);
}

function block(keys: string[], line: string, indent: number): string {
  let out = '';
  keys.forEach((k, i) => {
    out += `${' '.repeat(indent + 2 * i)}${k}:\n`;
  });
  return `${out}${' '.repeat(indent + 2 * keys.length)}${line}\n`;
}

function endOf(p: Pair): number {
  const v = p.value as Node | null;
  return v?.range?.[1] ?? (p.key as Node | null)?.range?.[1] ?? 0;
}

function column(file: ParsedFile, offset: number): number {
  return file.lines.positionAt(offset).character;
}

/** Offset of the start of the line after the one holding `offset` (the end of the text if none). */
function lineAfter(file: ParsedFile, offset: number): number {
  const line = file.lines.positionAt(Math.max(0, offset - 1)).line;
  return line + 1 < file.lines.lineCount ? file.lines.lineStart(line + 1) : file.text.length;
}

/** An insertion of whole lines; at the end of a text without a final newline, starts one. */
function insertAt(file: ParsedFile, offset: number, text: string): TextEdit {
  const pre = offset === file.text.length && file.text.length > 0 && !file.text.endsWith('\n') ? '\n' : '';
  return { range: file.lines.range(offset, offset), newText: pre + text };
}
