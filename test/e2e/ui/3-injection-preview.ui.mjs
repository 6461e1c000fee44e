// Injection in the real workbench, from the Command Palette: "Istio Lens: Preview Sidecar Injection"
// opens the diff editor (screenshot docs/screenshots/preview.png); "Istio Lens: Inject Sidecar" then
// Ctrl+S puts the sidecar in the file on disk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { openWorkbench, quickOpen, runCommand, screenshot, waitForDisk } from '../lib/workbench.mjs';

const FILE = 'mesh/productpage.yaml';
export const files = [FILE];
const hasProxy = (text) =>
  parseAllDocuments(text)
    .map((d) => d.toJS())
    .some(
      (d) =>
        d?.kind === 'Deployment' &&
        [...(d.spec.template.spec.initContainers ?? []), ...(d.spec.template.spec.containers ?? [])].some(
          (c) => c.name === 'istio-proxy',
        ),
    );

export default async function injectionPreview({ page, ws, root, log, url }) {
  const file = path.join(ws, FILE);
  const original = fs.readFileSync(file, 'utf8');
  await openWorkbench(page, url);
  await quickOpen(page, path.basename(FILE));

  await runCommand(page, 'Istio Lens: Preview Sidecar Injection');
  const diff = page.locator('.monaco-diff-editor').first();
  await diff.waitFor({ timeout: 30_000 });
  await diff.locator('.modified .view-lines', { hasText: 'istio-proxy' }).waitFor({ timeout: 30_000 });
  await page
    .locator('.tabs-container .tab.active', { hasText: 'Istio sidecar injected' })
    .waitFor({ timeout: 15_000 });
  log('diff editor shows istio-proxy');
  await page.keyboard.press('Control+B'); // hide the side bar: a wider diff for the screenshot
  await page
    .locator('.part.sidebar')
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => {});
  await screenshot(page, root, 'preview.png');
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+W');

  await quickOpen(page, path.basename(FILE));
  await runCommand(page, 'Istio Lens: Inject Sidecar');
  await page
    .locator('.tabs-container .tab.active.dirty', { hasText: path.basename(FILE) })
    .waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+S');
  // Poll for the final content: a read racing VS Code's write can see a truncated file.
  const saved = await waitForDisk(file, (t) => {
    try {
      return hasProxy(t);
    } catch {
      return false;
    }
  });
  assert.ok(
    saved.startsWith(original.slice(0, original.indexOf('\n---\n'))),
    'the Service document is untouched',
  );
  log('injected and saved');
}
