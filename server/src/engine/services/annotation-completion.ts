// Completion and hover for Istio annotations and labels inside metadata.annotations / metadata.labels.
// Pure: works from the ParsedFile and an offset. The context is read from the text of the current
// line and its parents by indentation, so it also works while the line is half typed.
import type { CompletionEntry, HoverResult } from './types';
import type { ParsedFile } from '../parse/parseFile';
import { docAt, pathAt } from '../parse/findNode';
import { appliesTo, entries, lookup, type IstioKey, type KeyKind } from '../annotations/catalogue';
import { ANNOTATION_VALUES, LABEL_VALUES } from '../annotations/value-types';

export type AnnotationCompletionItem = CompletionEntry;

export type AnnotationHover = HoverResult;

interface Context {
  keyKind: KeyKind;
  /** The kind the metadata belongs to ('Pod' inside a pod template). */
  kind: string;
  /** Typing a key, or the value of `key`. */
  at: 'key' | 'value';
  key: string;
  /** [start, end) of the partial word being completed. */
  word: [number, number];
}

const KEY_LINE = /^(\s*)(["']?)([A-Za-z0-9./_-]*)$/;
const VALUE_LINE = /^(\s*)(["']?)([A-Za-z0-9./_-]+)\2:\s*(["']?)([^"'#]*)$/;

function context(file: ParsedFile, offset: number): Context | undefined {
  const lineNo = file.lines.positionAt(offset).line;
  const lineStart = file.lines.lineStart(lineNo);
  const before = file.text.slice(lineStart, offset);
  let indent: number, at: 'key' | 'value', key: string, wordStart: number;
  const v = VALUE_LINE.exec(before);
  const k = v ? null : KEY_LINE.exec(before);
  if (v) {
    indent = v[1].length;
    at = 'value';
    key = v[3];
    wordStart = offset - v[5].length;
  } else if (k) {
    indent = k[1].length;
    at = 'key';
    key = k[3];
    wordStart = offset - k[3].length;
  } else return undefined;
  let wordEnd = offset;
  while (wordEnd < file.text.length && /[A-Za-z0-9./_*-]/.test(file.text[wordEnd])) wordEnd++;
  // Parent lines by indentation: `annotations:`/`labels:`, then `metadata:`.
  const parent = parentLine(file, lineNo, indent);
  if (!parent) return undefined;
  const pm = /^(\s*)(annotations|labels):\s*(#.*)?$/.exec(parent.text);
  if (!pm) return undefined;
  const meta = parentLine(file, parent.line, pm[1].length);
  if (!meta || !/^\s*metadata:\s*(#.*)?$/.test(meta.text)) return undefined;
  return {
    keyKind: pm[2] === 'labels' ? 'label' : 'annotation',
    kind: kindOf(file, meta.offset),
    at,
    key,
    word: [wordStart, wordEnd],
  };
}

function parentLine(
  file: ParsedFile,
  line: number,
  indent: number,
): { line: number; text: string; offset: number } | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const start = file.lines.lineStart(l);
    const end = l + 1 < file.lines.lineCount ? file.lines.lineStart(l + 1) : file.text.length;
    const text = file.text.slice(start, end).replace(/\r?\n$/, '');
    if (!text.trim() || /^\s*#/.test(text)) continue;
    const ind = text.length - text.trimStart().length;
    if (ind < indent) return { line: l, text, offset: start + ind };
    if (/^---/.test(text)) return undefined;
  }
  return undefined;
}

/** The kind owning the `metadata:` key at `offset`: 'Pod' under a template, else the document's kind. */
function kindOf(file: ParsedFile, offset: number): string {
  const doc = docAt(file, offset);
  if (!doc) return '';
  const p = pathAt(doc, offset).path;
  if (p.length >= 2 && p[p.length - 2] === 'template') return 'Pod';
  return doc.resource?.kind ?? '';
}

function docs(e: IstioKey, keyKind: KeyKind): string {
  const status = `**${e.featureStatus}**${e.deprecated ? ' · **deprecated**' : ''} · applies to ${e.resources.join(', ')}`;
  const type = (keyKind === 'annotation' ? ANNOTATION_VALUES : LABEL_VALUES)[e.name];
  const value = type ? `\n\nValue: ${type.expects}.` : '';
  const page = keyKind === 'annotation' ? 'annotations' : 'labels';
  return `${e.description}\n\n${status}${value}\n\n[Istio reference](https://istio.io/latest/docs/reference/config/${page}/)`;
}

export function annotationCompletions(file: ParsedFile, offset: number): AnnotationCompletionItem[] {
  const ctx = context(file, offset);
  if (!ctx) return [];
  const range = file.lines.range(ctx.word[0], ctx.word[1]);
  if (ctx.at === 'value') {
    const type = (ctx.keyKind === 'annotation' ? ANNOTATION_VALUES : LABEL_VALUES)[ctx.key];
    return (type?.values ?? []).map((v, i) => ({
      label: v,
      kind: 'value',
      detail: type.expects,
      documentation: '',
      insertText: v,
      range,
      sortText: String(i).padStart(3, '0'),
      deprecated: false,
    }));
  }
  return entries(ctx.keyKind)
    .filter((e) => !e.hidden)
    .map((e) => {
      const fits = appliesTo(e, ctx.kind);
      return {
        label: e.name,
        kind: 'property' as const,
        detail: `Istio ${ctx.keyKind} · ${e.featureStatus}${e.deprecated ? ' · deprecated' : ''}${fits ? '' : ` · for ${e.resources.join(', ')}`}`,
        documentation: docs(e, ctx.keyKind),
        insertText: `${e.name}: `,
        range,
        // Keys that apply to this kind first, deprecated ones last.
        sortText: `${e.deprecated ? 2 : fits ? 0 : 1}${e.name}`,
        deprecated: e.deprecated,
      };
    });
}

export function annotationHover(file: ParsedFile, offset: number): AnnotationHover | undefined {
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  const hit = pathAt(doc, offset);
  const p = hit.path;
  if (!hit.onKey || p.length < 3 || p[p.length - 3] !== 'metadata') return undefined;
  const keyKind: KeyKind | undefined =
    p[p.length - 2] === 'annotations' ? 'annotation' : p[p.length - 2] === 'labels' ? 'label' : undefined;
  if (!keyKind) return undefined;
  const e = lookup(keyKind, String(p[p.length - 1]));
  const r = (hit.node as { range?: number[] } | undefined)?.range;
  if (!e || !r) return undefined;
  return {
    contents: `**${e.name}** (Istio ${keyKind})\n\n${docs(e, keyKind)}`,
    range: file.lines.range(r[0], r[1]),
  };
}
