// IST0107 in the real workbench: a pod annotation on a Deployment's own metadata gets a warning
// squiggle and a Problems row; the quick fix moves it into the pod template, and the saved file
// on disk has it there (checked by parsing the YAML).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  applyQuickFix,
  goTo,
  openWorkbench,
  problemRow,
  quickOpen,
  showProblems,
  waitForDisk,
} from '../lib/workbench.mjs';

const FILE = 'mesh/misplaced-annotation.yaml';
const KEY = 'proxy.istio.io/config';
export const files = [FILE];

export default async function misplacedAnnotation({ page, ws, log, url }) {
  const file = path.join(ws, FILE);
  const original = fs.readFileSync(file, 'utf8');
  const value = parse(original).metadata.annotations[KEY];
  const line = original.split('\n').findIndex((l) => l.trimStart().startsWith(KEY)) + 1;

  await openWorkbench(page, url);
  const editor = await quickOpen(page, path.basename(FILE));
  await editor.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
  await showProblems(page, 'Misplaced');
  const row = problemRow(page, `Misplaced annotation: ${KEY}`);
  await row.waitFor({ timeout: 15_000 });
  log('problems row:', JSON.stringify(await row.innerText()));
  assert.match(await row.innerText(), /IST0107/);

  await editor.locator('.view-line').first().click(); // focus back to the editor
  await goTo(page, line, 5);
  const menu = await applyQuickFix(page, `Move ${KEY} to spec.template.metadata.annotations`);
  log('quick fix menu:', JSON.stringify(menu));
  await page.keyboard.press('Control+S');
  // Poll for the final content: a read racing VS Code's write can see a truncated file.
  const moved = (t) => {
    try {
      const y = parse(t);
      return (
        y.metadata.annotations?.[KEY] === undefined && y.spec.template.metadata.annotations?.[KEY] === value
      );
    } catch {
      return false;
    }
  };
  await waitForDisk(file, moved);
  await editor.locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
  log('moved to the pod template on disk; squiggle gone');
}
