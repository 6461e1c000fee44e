// Document symbols: one per resource, `Kind/name`, or `Kind/namespace/name` when the namespace is written.
import type { Range } from '../model/diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import { mapGetPair } from '../parse/nodes';

export interface ResourceSymbol {
  name: string;
  detail: string;
  range: Range;
  selectionRange: Range;
}

export function documentSymbols(file: ParsedFile): ResourceSymbol[] {
  const out: ResourceSymbol[] = [];
  for (const doc of file.docs) {
    const r = doc.resource;
    if (!r) continue;
    const name = r.name ?? '(unnamed)';
    const label = r.namespace !== null ? `${r.kind}/${r.namespace}/${name}` : `${r.kind}/${name}`;
    const kindPair = mapGetPair(r.root, 'kind');
    const sel = kindPair?.value && (kindPair.value as { range?: number[] }).range;
    const [cs, ce] = contentSpan(doc.ast.contents, doc.start, doc.end);
    out.push({
      name: label,
      detail: r.apiVersion,
      range: file.lines.range(cs, ce),
      selectionRange: sel ? file.lines.range(sel[0], sel[1]) : file.lines.range(cs, cs),
    });
  }
  return out;
}

function contentSpan(contents: unknown, start: number, end: number): [number, number] {
  const r = (contents as { range?: number[] } | null)?.range;
  return r ? [r[0], r[1]] : [start, end];
}
