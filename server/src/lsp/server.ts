// Wires LSP requests to the engine's services. This folder is the only code that speaks LSP.
import {
  CodeActionKind, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult, type CodeAction,
  SymbolKind, type DocumentSymbol,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI_TO_PATH } from './uri';
import { DocumentStore } from './documentStore';
import { DiagnosticsPublisher } from './diagnostics';
import { DEFAULT_SERVER_SETTINGS, toServerSettings, type ServerSettings } from './settings';
import { globToRegExp, isExcluded } from './glob';
import { fromLspDiagnostic } from './convert';
import { loadEngineEnv } from '../data/env';
import type { EngineEnv } from '../engine/model/env';
import { documentSymbols } from '../engine/services/symbols';
import { quickFixes } from '../engine/services/quickFixes';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const store = new DocumentStore();
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let excludes: RegExp[] = [];
  let env: EngineEnv | undefined;
  let canPullConfig = false;
  const getEnv = (): EngineEnv => (env ??= loadEngineEnv(settings.engine));

  const enabled = (uri: string): boolean => settings.validateEnable && !isExcluded(URI_TO_PATH(uri), excludes);
  const publisher = new DiagnosticsPublisher(connection, store, getEnv, enabled);

  function applySettings(raw: unknown): void {
    settings = toServerSettings(raw);
    excludes = settings.exclude.map(globToRegExp);
    env = undefined; // rebuilt lazily with the new settings; the schema bundle itself is cached by its loader
    for (const d of documents.all()) publisher.schedule(d);
  }

  connection.onInitialize((params): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'istio-lens-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfig) {
      const [cfg] = await connection.workspace.getConfiguration([{ section: 'istioLens' }]).catch(() => [undefined]);
      if (cfg) applySettings(cfg);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfig) {
      const [cfg] = await connection.workspace.getConfiguration([{ section: 'istioLens' }]).catch(() => [undefined]);
      applySettings(cfg);
    } else applySettings((change.settings as { istioLens?: unknown } | undefined)?.istioLens);
  });

  documents.onDidChangeContent((e) => publisher.schedule(e.document));
  documents.onDidClose((e) => { store.forget(e.document.uri); publisher.clear(e.document.uri); });

  connection.onDocumentSymbol((params, token): DocumentSymbol[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return [];
    return documentSymbols(store.get(doc)).map((s) => ({
      name: s.name, detail: s.detail, kind: SymbolKind.Object, range: s.range, selectionRange: s.selectionRange,
    }));
  });

  connection.onCodeAction((params, token): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === 'istio-lens');
    const file = store.get(doc);
    return quickFixes(file, ours.map(fromLspDiagnostic)).map((a) => ({
      title: a.title,
      kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : a.kind,
      diagnostics: a.diagnostics?.map((i) => ours[i]),
      isPreferred: a.isPreferred,
      edit: { changes: { [doc.uri]: a.edits } },
    }));
  });

  documents.listen(connection);
  connection.listen();
}
