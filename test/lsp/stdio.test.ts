// The standalone server over stdio, as Neovim, Helix or Emacs would drive it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, DocumentSymbol } from 'vscode-languageserver';
import { TestLspClient } from '../helpers/lspClient';
import { readText, seedFixture } from '../helpers/paths';

describe('language server over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    const init = await client.initialize();
    const sync = init.capabilities.textDocumentSync;
    assert.equal(typeof sync === 'object' ? sync.change : sync, 2, 'incremental sync');
  });
  after(() => client.shutdown());

  it('publishes diagnostics for the seed fixture, versioned', async () => {
    const uri = 'file:///ws/seed.yaml';
    client.open(uri, readText(seedFixture), 3);
    const diags = await client.diagnostics(uri, 3);
    assert.ok(
      diags.some((d) => d.code === 'duplicate-key' && d.relatedInformation?.length),
      'duplicate keys with related info',
    );
    assert.ok(
      diags.some((d) => d.code === 'yaml-syntax'),
      'syntax errors',
    );
    assert.ok(diags.every((d) => d.source === 'istio-lens'));
  });

  it('applies incremental edits and re-validates only that version', async () => {
    const uri = 'file:///ws/cm.yaml';
    client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n', 1);
    assert.equal((await client.diagnostics(uri, 1)).filter((d) => d.code === 'duplicate-key').length, 0);
    client.change(uri, 2, [
      { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '  x: "2"\n' },
    ]);
    const d2 = (await client.diagnostics(uri, 2)).filter((d) => d.code === 'duplicate-key');
    assert.equal(d2.length, 1);
    assert.equal(d2[0].range.start.line, 6);
  });

  it('offers a quick fix that removes the duplicate key', async () => {
    const uri = 'file:///ws/cm.yaml';
    const diags = (await client.diagnostics(uri, 2)).filter((d) => d.code === 'duplicate-key');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diags[0].range,
      context: { diagnostics: diags },
    });
    const fix = actions.find((a) => /Remove this duplicate key/.test(a.title));
    assert.ok(fix, JSON.stringify(actions));
    assert.deepEqual(fix.edit?.changes?.[uri], [
      { range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, newText: '' },
    ]);
  });

  it('lists document symbols as Kind/name and Kind/namespace/name', async () => {
    const uri = 'file:///ws/two.yaml';
    client.open(
      uri,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  namespace: prod\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    );
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.deepEqual(
      syms.map((s) => s.name),
      ['Service/prod/a', 'ConfigMap/b'],
    );
    assert.equal(syms[1].range.start.line, 6);
  });

  it('leaves non-Kubernetes YAML alone', async () => {
    const uri = 'file:///ws/.github/workflows/ci.yaml';
    client.open(uri, 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    runs-on: x\n');
    assert.deepEqual(await client.diagnostics(uri, 1), []);
  });
});
