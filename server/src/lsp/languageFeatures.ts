// Completion, hover, definition and references: LSP glue over the engine's pure services.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Connection,
  type Hover,
  type Location,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineEnv } from '../engine/model/env';
import type { ParsedFile } from '../engine/parse/parseFile';
import { buildWorkspace } from '../engine/analysis';
import { schemaCompletions, type SchemaCompletionItem } from '../engine/services/completion';
import { schemaHover } from '../engine/services/hover';
import { annotationCompletions, annotationHover } from '../engine/services/annotation-completion';
import { definition, navigationHover, references } from '../engine/services/navigation';
import type { DocumentStore } from './documentStore';
import type { WorkspaceIndex } from './workspaceIndex';

export interface FeatureDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  index: WorkspaceIndex;
  env(): EngineEnv;
}

export const COMPLETION_TRIGGERS = ['"', ':', '/'];

export function registerLanguageFeatures(d: FeatureDeps): void {
  const at = (
    uri: string,
    pos: { line: number; character: number },
  ): { file: ParsedFile; offset: number } | undefined => {
    const doc = d.documents.get(uri);
    if (!doc) return undefined;
    const file = d.store.get(doc);
    return { file, offset: file.lines.offsetAt(pos) };
  };
  const workspace = () => buildWorkspace(d.index.files());

  d.connection.onCompletion((p, token): CompletionItem[] => {
    const hit = at(p.textDocument.uri, p.position);
    if (!hit || token.isCancellationRequested) return [];
    const ann = annotationCompletions(hit.file, hit.offset);
    const items = ann.length ? ann : schemaCompletions(hit.file, hit.offset, d.env());
    return items.map(toCompletionItem);
  });

  d.connection.onHover((p, token): Hover | null => {
    const hit = at(p.textDocument.uri, p.position);
    if (!hit || token.isCancellationRequested) return null;
    const h =
      navigationHover(workspace(), hit.file, hit.offset) ??
      annotationHover(hit.file, hit.offset) ??
      schemaHover(hit.file, hit.offset, d.env());
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range } : null;
  });

  d.connection.onDefinition((p, token): Location[] => {
    const hit = at(p.textDocument.uri, p.position);
    if (!hit || token.isCancellationRequested) return [];
    return definition(workspace(), hit.file, hit.offset);
  });

  d.connection.onReferences((p, token): Location[] => {
    const hit = at(p.textDocument.uri, p.position);
    if (!hit || token.isCancellationRequested) return [];
    return references(workspace(), hit.file, hit.offset);
  });
}

function toCompletionItem(i: SchemaCompletionItem): CompletionItem {
  const snippet = i.insertText.includes('$');
  return {
    label: i.label,
    kind: i.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value,
    detail: i.detail,
    documentation: i.documentation ? { kind: MarkupKind.Markdown, value: i.documentation } : undefined,
    textEdit: { range: i.range, newText: i.insertText },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: i.sortText,
    filterText: i.label,
    ...(i.deprecated ? { tags: [1] } : {}),
  };
}
