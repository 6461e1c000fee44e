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
  await fileWatcherLive(page, ws, log);

  fs.rmSync(gatewayFile);
  await editor.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await row.waitFor({ timeout: 15_000 });
  log('after delete:', JSON.stringify(await row.innerText()));

  fs.writeFileSync(gatewayFile, gatewayText);
  await row.waitFor({ state: 'detached', timeout: 30_000 });
  await editor.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
  log('restored: diagnostic and squiggle gone');
}

/**
 * The workbench's file watcher starts on its own schedule (late on a cold machine), and a deletion made
 * before it runs never reaches the server. A probe file with a known error proves it live: its problem
 * appears when the watcher reports the creation, and goes when it reports the deletion.
 */
async function fileWatcherLive(page, ws, log) {
  const probe = path.join(ws, 'mesh', 'watch-probe.yaml');
  const probeRow = problemRow(page, 'Duplicate key `probe`');
  const end = Date.now() + 60_000;
  for (;;) {
    fs.writeFileSync(
      probe,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\ndata:\n  probe: a\n  probe: b\n',
    );
    try {
      await probeRow.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      // Not seen: the watcher was not running when the file appeared. Write it again.
      fs.rmSync(probe);
      if (Date.now() > end) throw e;
      await page.waitForTimeout(500);
    }
  }
  fs.rmSync(probe);
  await probeRow.waitFor({ state: 'detached', timeout: 30_000 });
  log('file watcher live: a probe file came and went');
}
