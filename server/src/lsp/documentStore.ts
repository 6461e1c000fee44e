// Open documents and their one parse per version. Every handler asks here; nothing else parses.
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { parseFile, type ParsedFile } from '../engine/parse/parseFile';

export class DocumentStore {
  private readonly parsed = new Map<string, ParsedFile>();

  /** The parse of this exact document version (parsed at most once). */
  get(doc: TextDocument): ParsedFile {
    const hit = this.parsed.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    // The previous version's unchanged documents are re-used (and moved), not re-parsed.
    const file = parseFile(doc.uri, doc.getText(), doc.version, hit);
    this.parsed.set(doc.uri, file);
    return file;
  }

  peek(uri: string): ParsedFile | undefined {
    return this.parsed.get(uri);
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }
}
