// The extension activates on YAML, starts the server over IPC and gets its first diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, open, ours, waitFor } from './helpers';
import { recordFigure } from './results';

describe('activation', () => {
  it('activates on a YAML file, starts the language server and receives diagnostics', async () => {
    const doc = await open('seed-sidecar-proxy.yaml');
    assert.equal(doc.languageId, 'yaml');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    await waitFor('activation on YAML', () => ext.isActive);
    const lens = await api();
    assert.ok(lens.client?.isRunning(), 'language client running');
    await waitFor('first diagnostics', () => ours(doc.uri).length > 0);
    const m = await waitFor(
      'activation metrics',
      () => lens.metrics().firstDiagnosticsMs !== undefined && lens.metrics(),
    );
    recordFigure('clientReadyMs', m.clientReadyMs ?? -1);
    recordFigure('activationToFirstDiagnosticsMs', m.firstDiagnosticsMs!);
    console.log(
      `activation: server ready ${m.clientReadyMs} ms, first diagnostics ${m.firstDiagnosticsMs} ms after activate()`,
    );
  });

  it('contributes its commands under the "Istio Lens" category and limited untrusted-workspace support', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: {
        commands: { command: string; title: string; category: string }[];
        configuration: { properties: Record<string, { scope?: string }> };
      };
      capabilities: {
        untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations: string[] };
      };
    };
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.restrictedConfigurations.includes('istioLens.meshConfig'));
    for (const key of trust.restrictedConfigurations)
      assert.equal(
        pkg.contributes.configuration.properties[key]?.scope,
        'machine',
        `${key} is machine-scoped`,
      );
    const contributed = pkg.contributes.commands;
    const ids = contributed.map((c) => c.command);
    for (const id of [
      'istioLens.previewInjection',
      'istioLens.inject',
      'istioLens.removeInjection',
      'istioLens.showOutput',
    ]) {
      assert.ok(ids.includes(id), `${id} contributed`);
    }
    for (const c of contributed) assert.equal(c.category, 'Istio Lens', `${c.command} has the category`);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ids) assert.ok(registered.has(id), `${id} registered`);
    await vscode.commands.executeCommand('istioLens.showOutput');
  });
});
