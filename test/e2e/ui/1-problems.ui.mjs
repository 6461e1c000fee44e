// The seed fixture in the real workbench: squiggles, Problems panel rows, a quick fix with Ctrl+.,
// save, and the file on disk. Saves docs/screenshots/problems.png for the README.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  applyQuickFix,
  goTo,
  openWorkbench,
  problemRow,
  quickOpen,
  screenshot,
  showProblems,
  waitForDisk,
} from '../lib/workbench.mjs';

const SEED = 'seed-sidecar-proxy.yaml';
export const files = [SEED, 'mesh/reviews.yaml', 'mesh/reviews-service.yaml'];

export default async function problemsPanel({ page, ws, root, log, url }) {
  const file = path.join(ws, SEED);
  const original = fs.readFileSync(file, 'utf8');
  const lines = original.split('\n');
  // The second `path:` of the first endpoint (line 48) repeats the one on line 31.
  const dupLine = lines.indexOf('          path: /', lines.indexOf('          path: /') + 1) + 1;
  assert.ok(dupLine > 1, 'seed has a repeated path key');

  await openWorkbench(page, url, SEED);
  const editor = await quickOpen(page, SEED);
  log('seed open');
  await editor.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await showProblems(page);
  const row = problemRow(page, 'Unknown kind IstioProxy');
  await row.waitFor({ timeout: 15_000 });
  log('problems row:', JSON.stringify(await row.innerText()));
  assert.match(await row.innerText(), /\[Ln 2, Col 7\]|2:7|Ln 2/);
  await problemRow(page, 'Duplicate key `path`').waitFor({ timeout: 15_000 });
  await screenshot(page, root, 'problems.png');

  await goTo(page, dupLine, 11);
  const menu = await applyQuickFix(page, 'Remove this duplicate key');
  log('quick fix menu:', JSON.stringify(menu));
  await page.keyboard.press('Control+S');
  const expected = [...lines.slice(0, dupLine - 1), ...lines.slice(dupLine)].join('\n');
  // Poll for the final content: a read racing VS Code's write can see a truncated file.
  await waitForDisk(file, (t) => t === expected);
  log(`saved: line ${dupLine} removed on disk`);
}
