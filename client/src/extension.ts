// Istio Lens for VS Code: a thin client. It starts the language server (dist/server.js) over IPC,
// forwards settings and palette commands, and shows the injection preview. All YAML/Istio knowledge
// lives in the server so Neovim, Helix and the CLI get the same behaviour.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  type LanguageClient,
  type Middleware,
} from 'vscode-languageclient/node';
import { InjectionPreview } from './injectionPreview';
import { CLIENT_NAME, createLanguageClient, PREVIEW_COMMAND } from './languageClient';
import { type ActivationMetrics, createMetrics } from './metrics';
import { runEditCommand, ServerCommand } from './serverCommands';
import { currentSettings, SECTION } from './settings';

export const Command = {
  previewInjection: PREVIEW_COMMAND,
  inject: 'istioLens.inject',
  removeInjection: 'istioLens.removeInjection',
  showOutput: 'istioLens.showOutput',
  restartServer: 'istioLens.restartServer',
} as const;

/** What activate() returns: used by the real-VS-Code tests. */
export interface IstioLensApi {
  metrics(): ActivationMetrics;
  client: LanguageClient | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<IstioLensApi> {
  const metrics = createMetrics();
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(Command.showOutput, () => output.show(true)),
  );
  const editCommands = new Set<string>([ServerCommand.inject, ServerCommand.removeInjection]);
  const middleware: Middleware = {
    handleDiagnostics(uri, diagnostics, next) {
      if (metrics.markDiagnostics())
        output.info(`first diagnostics ${metrics.firstDiagnosticsMs} ms after activation`);
      next(uri, diagnostics);
    },
    // If the server advertises a command with one of our palette ids, the language client owns the
    // VS Code command; make it behave like ours (document argument, edit applied, preview opened).
    async executeCommand(command, args, next) {
      if (command === Command.previewInjection) return preview.open(args[0] as unknown);
      if (!editCommands.has(command)) return next(command, args) as unknown;
      return client && runEditCommand(client, command, args[0]);
    },
  };

  client = createLanguageClient(context, output, middleware);
  context.subscriptions.push(
    client.onNotification('istioLens/indexed', (p: { files?: unknown }) =>
      metrics.markIndexed(typeof p?.files === 'number' ? p.files : -1),
    ),
  );
  // Declared after the middleware that reads it: the client runs no command before start() below.
  const preview = new InjectionPreview(client);
  context.subscriptions.push(preview);
  try {
    await client.start();
    metrics.markReady();
    output.info(`server started in ${metrics.clientReadyMs} ms`);
  } catch (e) {
    output.error(`the language server failed to start: ${e instanceof Error ? e.stack : String(e)}`);
    void vscode.window.showErrorMessage(
      'Istio Lens: the language server failed to start (see Istio Lens: Show Output).',
    );
  }

  const c = client;
  const own: Record<string, (...args: unknown[]) => unknown> = {
    [Command.previewInjection]: (target) => preview.open(target),
    [Command.inject]: (target) => runEditCommand(c, ServerCommand.inject, target),
    [Command.removeInjection]: (target) => runEditCommand(c, ServerCommand.removeInjection, target),
    [Command.restartServer]: () => c.restart(),
  };
  const existing = new Set(await vscode.commands.getCommands(true));
  for (const [id, run] of Object.entries(own)) {
    if (!existing.has(id)) context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }

  // Trust granted later: file-valued settings from the workspace now count; tell the server.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void c.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: currentSettings() },
      });
    }),
  );

  return { metrics: () => ({ ...metrics }), client };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
