// Alternatives in the server: the definition in an open editor is the one analysis reads, so the hint
// on the other definition (a file on disk, not open) points at the open one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { messageText, TestLspClient } from '../helpers/lspClient';

const service = `apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  ports:\n  - {name: http, port: 80}\n`;

describe('alternative definitions in the editor', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-alternatives-'));
  const [first, second] = ['v1/service.yaml', 'v2/service.yaml'].map((p) => path.join(dir, p));
  const uri = (p: string) => pathToFileURL(p).toString();
  let client: TestLspClient;

  before(async () => {
    for (const f of [first, second]) {
      fs.mkdirSync(path.dirname(f));
      fs.writeFileSync(f, service);
    }
    client = new TestLspClient();
    await client.initialize(pathToFileURL(dir).toString());
    await client.indexed;
  });
  after(() => client.shutdown());

  /** The hints published for `file`, once some are (or the deadline passes). */
  async function hints(file: string): Promise<Diagnostic[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = (await client.diagnostics(uri(file))).filter((d) => d.code === 'alternative-definition');
      if (found.length || Date.now() > deadline) return found;
      client.published.delete(uri(file));
    }
  }

  it('opening the first definition makes it the one analysis reads: the hint moves to the second', async () => {
    client.open(uri(first), service, 1);
    const found = await hints(second);
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 4);
    assert.match(messageText(found[0]), /Service cart is also defined in \.\.\/v1\/service\.yaml/);
    assert.equal(found[0].relatedInformation?.[0].location.uri, uri(first));
  });
});
