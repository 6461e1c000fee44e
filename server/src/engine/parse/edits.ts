// Text edits over a parse: the shape every fix and command returns, and the one way to delete a
// mapping pair with its lines.
import type { Pair } from 'yaml';
import type { ParsedFile } from './parseFile';
import { docAt, pairWithKeyAt } from './findNode';
import type { Range } from './position';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Deletes a block-mapping pair with its whole lines (key line through the value's last line). */
export function removePairEdit(file: ParsedFile, keyOffset: number): TextEdit | undefined {
  const doc = docAt(file, keyOffset);
  const hit = doc && pairWithKeyAt(doc, keyOffset);
  return hit ? pairRemovalEdit(file, hit.pair, hit.parent) : undefined;
}

export function pairRemovalEdit(file: ParsedFile, pair: Pair, parent: unknown): TextEdit | undefined {
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
