// Injection through the standalone server: what Neovim & co. get from executeCommand, code actions and CodeLens.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Command, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TestLspClient } from '../helpers/lspClient';

const FILE = `# frontend manifests: this comment must survive
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
# the web deployment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web   # keep me
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: v1
kind: Service   # untouched
metadata: {name: web, namespace: shop}
spec: {ports: [{port: 80, name: http}]}
`;
const uri = 'file:///ws/shop.yaml';
const apply = (text: string, edits: TextEdit[]) =>
  TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);

describe('injection over LSP', () => {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands.sort(), [
      'istioLens.enableInjection',
      'istioLens.enableNamespaceInjection',
      'istioLens.inject',
      'istioLens.removeInjection',
      'istioLens.renderInjection',
    ]);
    client.open(uri, FILE);
    await client.diagnostics(uri, 1);
  });
  after(() => client.shutdown());

  it('offers inject and enable actions on the workload, namespace injection on the Namespace', async () => {
    const onDeployment = await client.request<(Command | CodeAction)[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 9, character: 2 }, end: { line: 9, character: 2 } },
      context: { diagnostics: [] },
    });
    const titles = onDeployment.map((a) => a.title);
    assert.ok(titles.includes('Inject Istio sidecar'), JSON.stringify(titles));
    assert.ok(titles.includes('Enable sidecar injection (pod label)'));
    assert.ok(!titles.some((t) => /Preview/.test(t)), 'no preview for a client without the preview command');
    const onNamespace = await client.request<(Command | CodeAction)[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(
      onNamespace.map((a) => a.title),
      [
        'Enable namespace injection (istio-injection=enabled)',
        'Enable namespace injection (istio.io/rev=default)',
      ],
    );
  });

  it('CodeLens says whether the workload will be injected and why', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 2);
    assert.equal(lenses[0].range.start.line, 7);
    assert.match(lenses[0].command?.title ?? '', /not injected \(namespace shop has no injection label/);
    assert.equal(lenses[1].command?.command, 'istioLens.inject');
    // The hover says what the preview assumes: the release image of istioLens.istioVersion, the revision.
    for (const l of lenses)
      assert.match(l.command?.tooltip ?? '', /docker\.io\/istio\/proxyv2:1\.32\.0 and the default revision/);
  });

  it('renders with the release proxy image by default', async () => {
    const text = await client.request<string>('workspace/executeCommand', {
      command: 'istioLens.renderInjection',
      arguments: [{ uri }],
    });
    assert.match(text, /image: docker\.io\/istio\/proxyv2:1\.32\.0/);
  });

  it('renders the injected file', async () => {
    const text = await client.request<string>('workspace/executeCommand', {
      command: 'istioLens.renderInjection',
      arguments: [{ uri }],
    });
    assert.match(text, /name: istio-proxy/);
    assert.match(text, /sidecar\.istio\.io\/status/);
  });

  it('injects one document in place; every other byte stays', async () => {
    const edit = await client.request<WorkspaceEdit>('workspace/executeCommand', {
      command: 'istioLens.inject',
      arguments: [{ uri, position: { line: 9, character: 0 } }],
    });
    const edits = edit.changes?.[uri] ?? [];
    assert.equal(edits.length, 1);
    const out = apply(FILE, edits);
    assert.match(out, /istio-proxy/);
    const [before, after] = [FILE.split('---\n'), out.split('---\n')];
    assert.equal(after[0], before[0], 'the Namespace document and its comment are byte-identical');
    assert.equal(
      after[after.length - 1],
      before[before.length - 1],
      'the Service document is byte-identical',
    );
    assert.ok(out.startsWith('# frontend manifests: this comment must survive\n'));
  });

  it('enables namespace injection with a minimal insertion', async () => {
    const edit = await client.request<WorkspaceEdit>('workspace/executeCommand', {
      command: 'istioLens.enableNamespaceInjection',
      arguments: [{ uri, position: { line: 2, character: 0 } }],
    });
    const out = apply(FILE, edit.changes?.[uri] ?? []);
    assert.equal(
      out,
      FILE.replace('  name: shop\n---', '  name: shop\n  labels:\n    istio-injection: enabled\n---'),
    );
  });

  it('reports a clear error for a document that is not a workload', async () => {
    await assert.rejects(
      client.request('workspace/executeCommand', {
        command: 'istioLens.inject',
        arguments: [{ uri, position: { line: 26, character: 0 } }],
      }),
      /not a workload/,
    );
  });
});
