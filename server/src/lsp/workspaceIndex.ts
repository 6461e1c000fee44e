// The workspace's YAML files, parsed: open documents from the DocumentStore (unsaved edits win),
// closed ones read from disk once and re-read when the client reports a change.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { parseFile, type ParsedFile } from '../engine/parse/parseFile';
import { isManifestFileName, isSkippedDirName } from '../engine/parse/kustomizationFile';
import { URI_TO_PATH } from './uri';

/** Larger files are not indexed from disk (they are still checked when opened). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const BATCH = 50;

export class WorkspaceIndex {
  private readonly disk = new Map<string, ParsedFile>();
  /** Real paths of the workspace folders: files read from disk must resolve inside one. */
  private roots: string[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly openFile: (uri: string) => ParsedFile | undefined,
    private readonly openUris: () => string[],
    private readonly excluded: (fsPath: string) => boolean,
  ) {}

  /** Every workspace file as parsed now: the open version where the file is open. */
  files(): ParsedFile[] {
    const out = new Map<string, ParsedFile>(this.disk);
    for (const uri of this.openUris()) {
      const f = this.openFile(uri);
      if (f && !this.excluded(URI_TO_PATH(uri))) out.set(uri, f);
    }
    return [...out.values()];
  }

  /** One file as parsed now (open version first). */
  get(uri: string): ParsedFile | undefined {
    return this.openFile(uri) ?? this.disk.get(uri);
  }

  has(uri: string): boolean {
    return this.disk.has(uri);
  }
  uris(): string[] {
    return [...this.disk.keys()];
  }

  /**
   * Indexes the folders in batches, yielding between them, with work-done progress. Returns how many
   * files the index holds (a file listed and gone before its turn is not counted).
   */
  async indexFolders(folders: readonly string[]): Promise<number> {
    this.roots = folders.map(realPath);
    const paths: string[] = [];
    for (const f of folders) this.walk(f, paths);
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Istio Lens: indexing manifests', 0, `${paths.length} files`, false);
    for (let i = 0; i < paths.length; i++) {
      this.readIntoIndex(paths[i]);
      if (i % BATCH === BATCH - 1) {
        progress?.report(Math.round((100 * (i + 1)) / paths.length), `${i + 1}/${paths.length}`);
        await new Promise((r) => setImmediate(r));
      }
    }
    progress?.done();
    return this.disk.size;
  }

  /** Applies file-watcher events; returns the URIs whose content changed (deleted ones included). */
  applyFileEvents(events: readonly FileEvent[]): string[] {
    const changed: string[] = [];
    for (const e of events) {
      const p = URI_TO_PATH(e.uri);
      if (!isManifestFileName(path.basename(p))) continue;
      if (e.type === FileChangeType.Deleted) {
        if (this.disk.delete(e.uri)) changed.push(e.uri);
      } else if (!this.excluded(p) && this.readIntoIndex(p)) changed.push(e.uri);
    }
    return changed;
  }

  private readIntoIndex(p: string): boolean {
    const uri = pathToFileURL(p).toString();
    try {
      // A symlink (or a symlinked folder) inside the workspace must not lead the server out of it.
      if (!this.roots.some((r) => isInside(realPath(p), r))) return this.disk.delete(uri);
      const st = fs.statSync(p);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) return false;
      this.disk.set(uri, parseFile(uri, fs.readFileSync(p, 'utf8')));
      return true;
    } catch {
      return this.disk.delete(uri);
    }
  }

  private walk(root: string, out: string[]): void {
    const stack = [root];
    while (stack.length) {
      const dir = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (this.excluded(p)) continue;
        if (e.isDirectory()) {
          if (!isSkippedDirName(e.name)) stack.push(p);
        } else if (e.isFile() && isManifestFileName(e.name)) out.push(p);
      }
    }
  }
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function isInside(p: string, root: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
