// Kustomize in the server: a kustomization changed on disk (not open in an editor) re-renders what it
// lists, and the open file's cross-file findings follow: its `namespace:` decides where a
// namespace-less VirtualService lands, and with it whether its destination host exists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { messageText, TestLspClient } from '../helpers/lspClient';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: cart
spec:
  hosts: [cart]
  http:
  - route:
    - destination:
        host: cart
`;
const service = (name: string, ns: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ports:\n  - {name: http, port: 80}\n`;
const kustomization = (ns: string) => `namespace: ${ns}\nresources:\n- vs.yaml\n`;

// `Kustomization` (kustomize's third file name) has no extension: the index reads it all the same.
for (const fileName of ['kustomization.yaml', 'Kustomization'])
  describe(`${fileName} edited on disk`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-kustomize-'));
    const vs = path.join(dir, 'app', 'vs.yaml');
    const k = path.join(dir, 'app', fileName);
    const vsUri = pathToFileURL(vs).toString();
    let client: TestLspClient;
    const hostNotFound = (ds: Diagnostic[]) =>
      ds.filter((d) => d.code === 'IST0101' && /host not found: "cart"/.test(messageText(d)));

    before(async () => {
      fs.mkdirSync(path.dirname(vs));
      fs.writeFileSync(vs, VS);
      fs.writeFileSync(k, kustomization('payments'));
      // shop holds cart; payments holds only card, a slip away: there, cart is provably missing.
      fs.writeFileSync(
        path.join(dir, 'services.yaml'),
        `${service('cart', 'shop')}---\n${service('card', 'payments')}`,
      );
      client = new TestLspClient();
      await client.initialize(pathToFileURL(dir).toString());
      await client.indexed;
      client.open(vsUri, VS, 1);
    });
    after(() => client.shutdown());

    /** Waits for a publication for the open file whose host findings satisfy `done`. */
    async function until(done: (found: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = hostNotFound(await client.diagnostics(vsUri));
        if (done(found) || Date.now() > deadline) return found;
        client.published.delete(vsUri);
      }
    }

    it('in the payments namespace, the host is not found', async () => {
      assert.equal((await until((f) => f.length === 1)).length, 1);
    });

    it('changing the namespace on disk to shop makes it disappear, and back', async () => {
      for (const [ns, type, want] of [
        ['shop', 2, 0],
        ['payments', 2, 1],
      ] as const) {
        fs.writeFileSync(k, kustomization(ns));
        client.published.delete(vsUri);
        void client.conn.sendNotification('workspace/didChangeWatchedFiles', {
          changes: [{ uri: pathToFileURL(k).toString(), type }],
        });
        assert.equal((await until((f) => f.length === want)).length, want, `namespace ${ns}`);
      }
    });
  });
