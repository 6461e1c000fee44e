// Turns a rule's Report into an EngineDiagnostic: resolves nodes to ranges, fills source and links.
import { SOURCE, type EngineDiagnostic } from './diagnostic';
import type { Report, RuleMeta } from './rule';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import { nodeSpan } from '../parse/nodes';
import { isPair } from 'yaml';

export function spanOf(node: unknown): [number, number] | undefined {
  if (isPair(node)) return nodeSpan(node.key) ?? nodeSpan(node.value);
  return nodeSpan(node);
}

export function toDiagnostic(
  file: ParsedFile,
  doc: ParsedDoc | null,
  meta: RuleMeta,
  r: Report,
): EngineDiagnostic {
  const span = r.span ?? spanOf(r.node) ?? (doc ? [doc.start, doc.start] : [0, 0]);
  const d: EngineDiagnostic = {
    range: file.lines.range(span[0], span[1]),
    severity: r.severity ?? meta.severity,
    code: r.code ?? meta.id,
    message: r.message,
    source: SOURCE,
  };
  const href = r.docsUrl ?? meta.docsUrl;
  if (href) d.codeDescription = { href };
  if (r.related?.length) {
    d.relatedInformation = r.related.map((x) => ({
      range: file.lines.range(x.span[0], x.span[1]),
      message: x.message,
    }));
  }
  if (r.data) d.data = r.data;
  if (r.tags) d.tags = r.tags;
  const res = doc?.resource;
  d.resource = res && res.name !== null ? { kind: res.kind, namespace: res.namespace, name: res.name } : null;
  return d;
}
