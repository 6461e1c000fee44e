// "Enable namespace injection" on a Namespace manifest: the `istio-injection=enabled` label, or
// `istio.io/rev=<revision>` for revision-based injection. A minimal insertion; nothing else moves.
import { isMap, isScalar, type Node } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';
import { getIn, mapGetPair } from '../parse/nodes';
import { insertLine, type EditResult } from './edits';

export type NamespaceInjectionMode =
  { label: 'istio-injection' } | { label: 'istio.io/rev'; revision: string };

export function isNamespace(file: ParsedFile, docIndex: number): boolean {
  const r = file.docs[docIndex]?.resource;
  return !!r && r.kind === 'Namespace' && r.apiVersion === 'v1';
}

export function enableNamespaceInjectionEdit(
  file: ParsedFile,
  docIndex: number,
  mode: NamespaceInjectionMode,
): EditResult {
  const doc = file.docs[docIndex];
  if (!doc || !isNamespace(file, docIndex) || doc.ast.errors.length)
    return { error: 'This document is not a Namespace.' };
  const [key, value] =
    mode.label === 'istio-injection' ? ['istio-injection', 'enabled'] : ['istio.io/rev', mode.revision];
  const labels = getIn(doc.ast.contents, ['metadata', 'labels'], doc.ast);
  if (isMap(labels) && !labels.flow && labels.items.length) {
    const pair = mapGetPair(labels, key);
    const v = pair?.value as Node | undefined;
    if (pair && v?.range) {
      if (isScalar(v) && String(v.value) === value)
        return { error: `The namespace already has ${key}=${value}.` };
      return { edit: { range: file.lines.range(v.range[0], v.range[1]), newText: value } };
    }
    return insertLine(file, labels, `${key}: ${value}`);
  }
  const meta = getIn(doc.ast.contents, ['metadata'], doc.ast);
  if (isMap(meta) && !meta.flow && meta.items.length && labels === undefined) {
    return insertLine(file, meta, `labels:\n  ${key}: ${value}`);
  }
  return { error: 'Cannot place the label: metadata is not a block mapping.' };
}
