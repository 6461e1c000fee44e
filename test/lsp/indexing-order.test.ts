// The workspace index against files changing while the server starts: a change made before the
// client watches, or reported while the folders are being read, must not leave a stale file in the
// index (a deleted Gateway still "found" hides IST0101 for good: no later event corrects it).
// The client here answers the server's requests itself, so each ordering is forced, not hoped for.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Diagnostic } from 'vscode-languageserver';
import { messageText, TestLspClient } from '../helpers/lspClient';
import { boundVirtualService, gateway } from '../helpers/manifests';

/** What VS Code claims: dynamic file watchers and work-done progress. */
const WATCHING_CLIENT: ClientCapabilities = {
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
};
const GATEWAY = gateway(80, 'istio: ingressgateway', '"shop.example.com"');
const DELETED = 3;

/** routes.yaml binds to web (gateway.yaml); admin.yaml makes the shop namespace's gateways provable. */
function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-order-'));
  const gatewayFile = path.join(dir, 'gateway.yaml');
  const routes = path.join(dir, 'routes.yaml');
  fs.writeFileSync(gatewayFile, GATEWAY);
  fs.writeFileSync(path.join(dir, 'admin.yaml'), GATEWAY.replace('name: web', 'name: admin'));
  fs.writeFileSync(routes, boundVirtualService('web'));
  return {
    root: pathToFileURL(dir).toString(),
    gatewayFile,
    gatewayUri: pathToFileURL(gatewayFile).toString(),
    routesUri: pathToFileURL(routes).toString(),
  };
}

const gatewayNotFound = (ds: Diagnostic[] | undefined) =>
  (ds ?? []).filter((d) => d.code === 'IST0101' && /gateway not found: "web"/.test(messageText(d)));

describe('workspace index while files change during start-up', () => {
  let client: TestLspClient | undefined;
  afterEach(() => client?.shutdown());

  it('reads the folders only once the client watches them', async () => {
    const ws = workspace();
    client = new TestLspClient();
    const c = client;
    const order: string[] = [];
    let indexedEarly = false;
    c.conn.onRequest('client/registerCapability', async () => {
      order.push('register');
      // Held until the server has indexed (no fix) or for 300 ms (the server waits for this answer).
      indexedEarly = await Promise.race([
        c.indexed.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 300)),
      ]);
      // Deleted while the client does not watch yet: no event will ever tell the server.
      fs.rmSync(ws.gatewayFile);
      order.push('watching');
      return null;
    });
    c.conn.onRequest('window/workDoneProgress/create', () => {
      order.push('progress');
      return null;
    });
    await c.initialize(ws.root, WATCHING_CLIENT);
    const indexed = await c.indexed;
    assert.equal(indexedEarly, false, 'the server indexed before the client answered the registration');
    assert.deepEqual(order, ['register', 'watching', 'progress']);
    assert.equal(indexed.files, 2, 'routes.yaml and admin.yaml: gateway.yaml was gone before the read');
    assert.equal(
      gatewayNotFound(c.published.get(ws.routesUri)?.diagnostics).length,
      1,
      'IST0101 published before the indexed notification',
    );
  });

  it('keeps a file deleted between listing and reading out of the index', async () => {
    const ws = workspace();
    client = new TestLspClient();
    const c = client;
    c.conn.onRequest('client/registerCapability', () => null);
    // The server has listed the folders and waits for this answer before reading them: the file goes,
    // and its deletion is reported ahead of the answer (the server handles messages in order).
    c.conn.onRequest('window/workDoneProgress/create', async () => {
      fs.rmSync(ws.gatewayFile);
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: ws.gatewayUri, type: DELETED }],
      });
      return null;
    });
    await c.initialize(ws.root, WATCHING_CLIENT);
    const indexed = await c.indexed;
    assert.equal(indexed.files, 2);
    assert.equal(gatewayNotFound(c.published.get(ws.routesUri)?.diagnostics).length, 1);
  });
});
