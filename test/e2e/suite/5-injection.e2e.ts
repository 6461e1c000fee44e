// Sidecar injection through the client's commands: Preview (diff editor against the read-only
// istio-lens-inject: document, following later edits), Inject (edit + save), Remove.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { open, waitFor } from './helpers';
import { recordFigure } from './results';

const FILE = 'mesh/productpage.yaml';
/** Just the fields these tests read; the YAML is the extension's output, so nothing is guaranteed. */
interface Container {
  name?: unknown;
  image?: unknown;
}
interface PodSpec {
  initContainers?: Container[];
  containers?: Container[];
}
interface Manifest {
  kind?: unknown;
  spec?: { template?: { spec?: PodSpec } };
}
const docs = (text: string): (Manifest | null)[] =>
  parseAllDocuments(text).map((d) => d.toJS() as Manifest | null);
function podSpec(text: string): PodSpec {
  const spec = docs(text).find((d) => d?.kind === 'Deployment')?.spec?.template?.spec;
  assert.ok(spec, 'a Deployment with a pod template');
  return spec;
}
const proxyOf = (spec: PodSpec): Container | undefined =>
  [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find((c) => c.name === 'istio-proxy');

function activeDiff(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

describe('sidecar injection', () => {
  let source: vscode.TextDocument;
  let original: string;
  before(async () => {
    source = await open(FILE);
    original = source.getText();
  });

  it('Preview Sidecar Injection opens the diff editor with the injected manifest', async () => {
    await vscode.commands.executeCommand('istioLens.previewInjection');
    const diff = await waitFor('diff editor', () => activeDiff());
    assert.equal(diff.original.toString(), source.uri.toString());
    assert.equal(diff.modified.scheme, 'istio-lens-inject');
    const preview = await vscode.workspace.openTextDocument(diff.modified);
    const proxy = proxyOf(podSpec(preview.getText()));
    assert.ok(proxy, 'istio-proxy container in the preview');
    assert.match(String(proxy.image), /proxyv2/);
    assert.deepEqual(docs(preview.getText())[0], docs(original)[0], 'the Service passes through unchanged');
    assert.equal(source.getText(), original, 'previewing does not touch the source');
  });

  it('the preview follows later edits of the source', async () => {
    const diff = await waitFor('diff editor', () => activeDiff());
    const preview = await vscode.workspace.openTextDocument(diff.modified);
    const edit = new vscode.WorkspaceEdit();
    const at = source.positionAt(original.indexOf('        - name: productpage'));
    edit.insert(source.uri, at, '        - name: sidecar-helper\n          image: busybox:1.36\n');
    const t0 = Date.now();
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('preview updated', () => preview.getText().includes('sidecar-helper'));
    recordFigure('previewRefreshAfterEditMs', Date.now() - t0); // includes the client's 150 ms debounce
    assert.ok(proxyOf(podSpec(preview.getText())), 'still injected');
    const undo = new vscode.WorkspaceEdit();
    undo.replace(
      source.uri,
      new vscode.Range(source.positionAt(0), source.positionAt(source.getText().length)),
      original,
    );
    assert.ok(await vscode.workspace.applyEdit(undo));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Inject Sidecar edits the document in place, and the saved file has the sidecar', async () => {
    await vscode.window.showTextDocument(source);
    await vscode.commands.executeCommand('istioLens.inject', source.uri);
    await waitFor('injected text', () => proxyOf(podSpec(source.getText())));
    const serviceDoc = original.slice(0, original.indexOf('\n---\n') + 5);
    assert.ok(
      source.getText().startsWith(serviceDoc),
      'the Service document, comments included, stays byte for byte',
    );
    assert.ok(await source.save());
    assert.ok(proxyOf(podSpec(fs.readFileSync(source.uri.fsPath, 'utf8'))), 'istio-proxy on disk');
  });

  it('Remove Injected Sidecar takes it out again', async () => {
    await vscode.commands.executeCommand('istioLens.removeInjection', source.uri);
    await waitFor('sidecar removed', () => !proxyOf(podSpec(source.getText())));
    assert.deepEqual(docs(source.getText()), docs(original));
    await source.save();
  });

  it('offers Preview and Inject as CodeLens and code actions on the workload; the Preview action opens the diff', async () => {
    await vscode.window.showTextDocument(source);
    const deployment = source.positionAt(original.indexOf('kind: Deployment'));
    const lenses = await waitFor('CodeLens', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        source.uri,
        10,
      );
      return ls?.some((l) => l.command?.command === 'istioLens.inject') && ls;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('Preview') && titles.includes('Inject'), `lenses: ${titles.join(' | ')}`);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      source.uri,
      new vscode.Range(deployment, deployment),
    );
    const preview = actions.find((a) => a.command?.command === 'istioLens.previewInjection');
    assert.ok(preview, `a Preview action (got ${actions.map((a) => a.title).join(' | ')})`);
    await vscode.commands.executeCommand(
      preview.command!.command,
      ...((preview.command!.arguments ?? []) as unknown[]),
    );
    const diff = await waitFor('diff editor from the code action', () => activeDiff());
    assert.equal(diff.original.toString(), source.uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
