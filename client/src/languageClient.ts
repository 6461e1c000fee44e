// Creates the LanguageClient: dist/server.js over node IPC, YAML documents on disk and untitled,
// settings section `istioLens` (pull model; a change notification makes the server pull again).
// The server registers its own YAML file watchers (dynamic registration), so none is set up here.
import type * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { currentSettings, SECTION, withTrust } from './settings';
import { SERVER_EXEC_ARGV } from './serverFlags';

/** Client-side command that opens the injection diff (see injectionPreview.ts). */
export const PREVIEW_COMMAND = 'istioLens.previewInjection';

export const CLIENT_ID = 'istioLens';
export const CLIENT_NAME = 'Istio Lens';

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  middleware: Middleware,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6012'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: SECTION,
    },
    // clientCommands: commands the server may put in code actions and lenses (they run here, not in the server).
    initializationOptions: { settings: currentSettings(), clientCommands: [PREVIEW_COMMAND] },
    outputChannel,
    middleware: {
      ...middleware,
      workspace: {
        // Pull model: tag our section with the workspace trust state.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return (result as unknown[]).map((value, i) =>
            params.items[i]?.section === SECTION ? withTrust(value) : value,
          );
        },
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
