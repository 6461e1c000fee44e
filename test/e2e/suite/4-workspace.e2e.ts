// Cross-file analysis in the real editor: a VirtualService bound to a Gateway defined in another file
// gets IST0101 when that file is deleted (file watcher → server) and loses it when the file is back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeOf, open, ours, waitFor, waitForDiagnostic, wsUri } from './helpers';

describe('workspace analysis', () => {
  it('reports IST0101 when the referenced Gateway file is deleted, and clears it when restored', async () => {
    const routes = await open('mesh/frontend-routes.yaml');
    const gatewayFile = wsUri('mesh/frontend-gateway.yaml');
    const gatewayText = await vscode.workspace.fs.readFile(gatewayFile);
    const missing = () => ours(routes.uri).filter((d) => codeOf(d) === 'IST0101');
    const lens = await api();
    await waitFor('the first analysis published', () => lens.metrics().indexedMs !== undefined, 60_000);
    assert.deepEqual(
      missing().map((d) => d.message),
      [],
    );
    try {
      await vscode.workspace.fs.delete(gatewayFile);
      const d = await waitForDiagnostic(
        routes.uri,
        'IST0101 after deleting the Gateway',
        (x) => codeOf(x) === 'IST0101',
        30_000,
      );
      assert.match(d.message, /gateway not found: "frontend"/);
      assert.equal(routes.getText(d.range).trim(), 'frontend', 'range on the gateways entry');
    } finally {
      await vscode.workspace.fs.writeFile(gatewayFile, gatewayText);
    }
    await waitFor('IST0101 gone after restoring the Gateway', () => missing().length === 0, 30_000);
  });

  it('follows unsaved edits in open editors: renaming the Gateway breaks the reference until undone', async () => {
    const routes = await open('mesh/frontend-routes.yaml');
    const gateway = await open('mesh/frontend-gateway.yaml');
    const original = gateway.getText();
    const nameAt = original.indexOf('  name: frontend') + '  name: '.length;
    const rename = async (from: string, to: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        gateway.uri,
        new vscode.Range(gateway.positionAt(nameAt), gateway.positionAt(nameAt + from.length)),
        to,
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await rename('frontend', 'frontend-v2');
    assert.ok(gateway.isDirty, 'the edit is unsaved');
    await waitForDiagnostic(
      routes.uri,
      'IST0101 after the unsaved rename',
      (x) => codeOf(x) === 'IST0101',
      30_000,
    );
    await rename('frontend-v2', 'frontend');
    await waitFor(
      'IST0101 gone after undoing the rename',
      () => !ours(routes.uri).some((x) => codeOf(x) === 'IST0101'),
      30_000,
    );
    assert.equal(gateway.getText(), original);
    await gateway.save();
  });
});
