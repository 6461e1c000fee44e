// A cross-file diagnostic in the real workbench: the VirtualService in frontend-routes.yaml binds to
// the Gateway in frontend-gateway.yaml. Deleting that file on disk (as git checkout or a terminal
// would) makes IST0101 appear on the open VirtualService; restoring it makes the diagnostic go.
// admin-gateway.yaml is a second Gateway of the namespace: the workspace defines its gateways, so a
// missing one is provably missing (a namespace whose gateways the repository does not define is not).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openWorkbench, problemRow, quickOpen, serverLog, showProblems } from '../lib/workbench.mjs';

const ROUTES = 'mesh/frontend-routes.yaml';
const GATEWAY = 'mesh/frontend-gateway.yaml';
export const files = [ROUTES, GATEWAY, 'mesh/admin-gateway.yaml', 'mesh/reviews-service.yaml'];

export default async function crossFile({ page, ws, root, log, url }) {
  const gatewayFile = path.join(ws, GATEWAY);
  const gatewayText = fs.readFileSync(gatewayFile, 'utf8');
  const server = serverLog(root);
  await openWorkbench(page, url);
  const editor = await quickOpen(page, path.basename(ROUTES));
  await showProblems(page);
  const row = problemRow(page, 'Referenced gateway not found');
  // The server's "ready": every file read, the Gateway included (so its deletion can only reach the
  // server through the file watcher), and the first analysis published.
  const [line, indexed] = await server.waitFor(
    new RegExp(`indexed (\\d+) YAML files of \\S*/${path.basename(ws)} in .*`),
  );
  log('server:', line);
  assert.equal(Number(indexed), files.length, 'every file of the workspace indexed before the delete');
  if (await row.count()) throw new Error('IST0101 reported while the Gateway exists');

  fs.rmSync(gatewayFile);
  await editor.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await row.waitFor({ timeout: 15_000 });
  log('after delete:', JSON.stringify(await row.innerText()));

  fs.writeFileSync(gatewayFile, gatewayText);
  await row.waitFor({ state: 'detached', timeout: 30_000 });
  await editor.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
  log('restored: diagnostic and squiggle gone');
}
