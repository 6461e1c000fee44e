// The Problems panel on examples/mesh, the multi-file workspace with real cross-file mistakes:
// a missing gateway, a subset with no pods, a port name without a protocol, conflicting sidecars.
// Each must be listed without opening the files (the server indexes the workspace), and the panel
// is saved as docs/screenshots/examples.png for the README.
import fs from 'node:fs';
import path from 'node:path';
import { openWorkbench, problemRow, quickOpen, screenshot, showProblems } from '../lib/workbench.mjs';

export const files = ['README.md'];

const EXPECTED = [
  'Referenced gateway not found: "shop-gateway"', // IST0101, web-routing.yaml
  'does not select any pods', // IST0173, web-destinations.yaml
  "doesn't follow the naming convention of Istio port", // IST0118, web.yaml
  'select the same workload pod', // IST0110, sidecars.yaml
];

export default async function examples({ page, ws, root, log, url }) {
  fs.cpSync(path.join(root, 'examples/mesh'), path.join(ws, 'mesh'), { recursive: true });
  await openWorkbench(page, url);
  await quickOpen(page, 'web-routing.yaml');
  await showProblems(page);
  for (const text of EXPECTED) {
    const row = problemRow(page, text);
    await row.waitFor({ timeout: 30_000 });
    log('problem:', JSON.stringify((await row.innerText()).split('\n')[0]));
  }
  await screenshot(page, root, 'examples.png');
}
