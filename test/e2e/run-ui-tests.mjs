// Runs every Playwright UI test in test/e2e/ui (*.ui.mjs, each exporting default async ({ page, ws, root,
// log, url }) and optionally `files`: the fixture paths its fresh workspace gets, default all).
// Usage: node test/e2e/run-ui-tests.mjs [name-filter]   (code-server must be running)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './lib/browser.mjs';
import { freshWorkspace } from './lib/workspace.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const runDir = process.env.RUN || path.join(root, '.cache/e2e/run');
const port = fs.readFileSync(path.join(runDir, 'cs.port'), 'utf8').trim();
const uiDir = path.join(root, 'test/e2e/ui');
const filter = process.argv[2] || process.env.E2E_ONLY || '';
const files = fs
  .readdirSync(uiDir)
  .filter((f) => f.endsWith('.ui.mjs') && f.includes(filter))
  .sort();

let passed = 0,
  failed = 0;
for (const f of files) {
  const name = f.replace(/\.ui\.mjs$/, '');
  const mod = await import(pathToFileURL(path.join(uiDir, f)).href);
  const ws = freshWorkspace(root, runDir, `ws-ui-${name}`, mod.files);
  const t0 = Date.now();
  const log = (...a) => console.log(`  [${name} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  const { page, close } = await launchChromium();
  page.on('pageerror', (e) => log('pageerror:', e.message));
  try {
    await mod.default({
      page,
      ws,
      root,
      log,
      url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`,
    });
    passed++;
    console.log(`✔ ui: ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`✖ ui: ${name} (${Date.now() - t0} ms): ${e instanceof Error ? e.stack : e}`);
    await page.screenshot({ path: path.join(runDir, `ui-${name}-failure.png`) }).catch(() => {});
  } finally {
    await close();
  }
}
if (!files.length) failed++;
console.log(`ui: ${passed} passed, ${failed} failed${files.length ? '' : ' (no UI tests found)'}`);
process.exit(failed ? 1 : 0);
