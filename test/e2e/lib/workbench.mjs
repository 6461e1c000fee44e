// Small page-object helpers over code-server's VS Code workbench DOM, for the Playwright UI tests.
import fs from 'node:fs';
import path from 'node:path';

export async function openWorkbench(page, url, expectFile) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  if (expectFile)
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: expectFile })
      .first()
      .waitFor({ timeout: 60_000 });
}

/** Ctrl+P, type the name, Enter; waits for the tab. The page gets Ctrl+P first (no print dialog). */
export async function quickOpen(page, name) {
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 700, y: 450 } })
    .catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(name);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(name) })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page
    .locator('.tabs-container .tab.active', { hasText: path.basename(name) })
    .waitFor({ timeout: 15_000 });
  const editor = activeEditor(page);
  await editor.waitFor({ timeout: 15_000 });
  return editor;
}

export function activeEditor(page) {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** Monaco virtualises lines and keeps DOM order != visual order: sort .view-line by CSS top. */
export function visibleText(editor) {
  return editor.locator('.view-lines').evaluate((el) =>
    [...el.querySelectorAll('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** F1 (Command Palette), type the command's title, Enter. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Ctrl+G line:column. */
export async function goTo(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Opens the Problems panel; `filter` goes into its filter box (the list is virtualised: rows far
 *  down are not in the DOM, so narrow it to the file or message under test). */
export async function showProblems(page, filter) {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: 15_000 });
  if (filter !== undefined) {
    const box = page.getByPlaceholder(/^Filter \(e\.g\./).first();
    await box.fill(filter); // applied after a short debounce: callers wait for the rows they expect
  }
}

export function problemRow(page, text) {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
}

/** Ctrl+. at the cursor, then picks the quick fix whose title contains `title`. Returns the menu text. */
export async function applyQuickFix(page, title) {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  // A key pressed while focus is still moving back to the editor (after Go to Line) is lost: press it
  // again, up to three times, until the fix is listed.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  const menu = await page.locator('.action-widget').first().innerText();
  await item.click();
  await page
    .locator('.action-widget .monaco-list-row')
    .first()
    .waitFor({ state: 'hidden', timeout: 15_000 })
    .catch(() => {});
  return menu;
}

/** Polls the file on disk until pred(text) holds. */
export async function waitForDisk(file, pred, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const text = fs.readFileSync(file, 'utf8');
    if (pred(text)) return text;
    if (Date.now() > end)
      throw new Error(`${path.basename(file)} on disk never matched; it is:\n${text.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The Istio Lens output channel (the extension's log files in the profile), read from the point this
 * is called: `waitFor(re)` polls for a line written after that and returns its match. Log files of
 * earlier windows keep their old lines out by their size at the start.
 */
export function serverLog(root) {
  const logs = path.join(process.env.RUN || path.join(root, '.cache/e2e/run'), 'profile/user/logs');
  const files = () =>
    fs.existsSync(logs)
      ? fs
          .readdirSync(logs, { recursive: true })
          .filter((f) => f.endsWith(path.join('istio-lens.istio-lens', 'Istio Lens.log')))
          .map((f) => path.join(logs, f))
      : [];
  const start = new Map(files().map((f) => [f, fs.statSync(f).size]));
  return {
    async waitFor(re, ms = 60_000) {
      const end = Date.now() + ms;
      for (;;) {
        for (const f of files()) {
          const m = fs
            .readFileSync(f)
            .subarray(start.get(f) ?? 0)
            .toString('utf8')
            .match(re);
          if (m) return m;
        }
        if (Date.now() > end) throw new Error(`no Istio Lens log line matched ${re} within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/**
 * Saves a screenshot into the run folder and into docs/screenshots, so every real-VS-Code run
 * refreshes the README's pictures from the code as it is (commit them when they change).
 * KEEP_SCREENSHOTS=1 leaves docs/screenshots alone (a run on a half-finished change).
 */
export async function screenshot(page, root, name) {
  const runFile = path.join(process.env.RUN || path.join(root, '.cache/e2e/run'), name);
  await page.screenshot({ path: runFile });
  if (process.env.KEEP_SCREENSHOTS !== '1') {
    const docFile = path.join(root, 'docs/screenshots', name);
    fs.mkdirSync(path.dirname(docFile), { recursive: true });
    fs.copyFileSync(runFile, docFile);
  }
  return runFile;
}
