// Cross-file analysis in the server: the workspace is indexed from disk, and a diagnostic in an open
// file appears when the file it references is deleted and disappears when it is restored.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, type Hover, type Location, MarkupContent } from 'vscode-languageserver';
import { messageText, TestLspClient } from '../helpers/lspClient';
import { boundVirtualService, gateway } from '../helpers/manifests';

const GATEWAY = gateway(80, 'istio: ingressgateway', '"shop.example.com"');
const VS = boundVirtualService('web');

describe('workspace analysis over LSP', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-ws-'));
  const gw = path.join(dir, 'gateway.yaml');
  const vs = path.join(dir, 'routes', 'vs.yaml');
  const vsUri = pathToFileURL(vs).toString();
  const gwUri = pathToFileURL(gw).toString();
  let client: TestLspClient;
  const gatewayNotFound = (ds: Diagnostic[]) =>
    ds.filter((d) => d.code === 'IST0101' && /gateway/i.test(messageText(d)));

  before(async () => {
    fs.mkdirSync(path.dirname(vs));
    fs.writeFileSync(gw, GATEWAY);
    // The workspace defines the shop namespace's gateways, so a missing one is provably missing.
    fs.writeFileSync(path.join(dir, 'admin-gateway.yaml'), GATEWAY.replace('name: web', 'name: admin'));
    fs.writeFileSync(vs, VS);
    client = new TestLspClient();
    await client.initialize(pathToFileURL(dir).toString());
  });
  after(() => client.shutdown());

  it('indexes closed files and publishes nothing wrong for a consistent workspace', async () => {
    const indexed = await client.indexed;
    assert.equal(indexed.files, 3);
    client.open(vsUri, VS, 1);
    const ds = await client.diagnostics(vsUri, 1);
    assert.deepEqual(gatewayNotFound(ds), []);
  });

  it('reports IST0101 on the gateway reference when the gateway file is deleted', async () => {
    fs.rmSync(gw);
    client.published.delete(vsUri);
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: gwUri, type: 3 }],
    });
    const ds = gatewayNotFound(await client.diagnostics(vsUri));
    assert.equal(ds.length, 1);
    assert.equal(ds[0].range.start.line, 7, 'on the `web` entry of spec.gateways');
    assert.equal(
      ds[0].codeDescription?.href,
      'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
    );
  });

  it('clears it when the file is restored', async () => {
    fs.writeFileSync(gw, GATEWAY);
    client.published.delete(vsUri);
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: gwUri, type: 1 }],
    });
    assert.deepEqual(gatewayNotFound(await client.diagnostics(vsUri)), []);
  });

  it('navigates from the gateway reference to the Gateway, and back', async () => {
    const at = { textDocument: { uri: vsUri }, position: { line: 7, character: 13 } };
    const defs = await client.request<Location[]>('textDocument/definition', at);
    assert.equal(defs.length, 1);
    assert.equal(defs[0].uri, gwUri);
    assert.equal(defs[0].range.start.line, 3, "on the Gateway's metadata.name");
    const hover = await client.request<Hover>('textDocument/hover', at);
    assert.ok(MarkupContent.is(hover.contents), JSON.stringify(hover));
    assert.match(hover.contents.value, /Gateway/);
    client.open(gwUri, GATEWAY, 1);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: gwUri },
      position: { line: 3, character: 9 },
      context: { includeDeclaration: false },
    });
    assert.ok(
      refs.some((r) => r.uri === vsUri && r.range.start.line === 7),
      JSON.stringify(refs),
    );
  });
});
