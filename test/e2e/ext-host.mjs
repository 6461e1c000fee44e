// Runs an extension-host test suite (a module exporting run()) inside the running code-server: the
// workbench URL `payload` carries extensionDevelopmentPath + extensionTestsPath (honoured because
// code-server runs with --vscode-option enable-smoke-test-driver). VS Code reports the suite's
// outcome through window.codeAutomationExit(code); console output comes through codeAutomationLog.
// Env: EXT, TESTS (must lie inside EXT, or VS Code runs nothing), FOLDER (workspace), $RUN/cs.port.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './lib/browser.mjs';

const RUN = process.env.RUN;
const port = fs.readFileSync(path.join(RUN, 'cs.port'), 'utf8').trim();
const host = `127.0.0.1:${port}`;
const { EXT, TESTS, FOLDER } = process.env;
if (!path.resolve(TESTS).startsWith(path.resolve(EXT) + path.sep)) {
  console.error(
    `extensionTestsPath ${TESTS} is not inside extensionDevelopmentPath ${EXT}: VS Code would run nothing`,
  );
  process.exit(2);
}
const remote = (p) => `vscode-remote://${host}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(EXT)],
  ['extensionTestsPath', remote(TESTS)],
];
const url = `http://${host}/?${FOLDER ? `folder=${encodeURIComponent(FOLDER)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;
const TIMEOUT_MS = Number(process.env.EXT_HOST_TIMEOUT_MS || 240_000);
const NOISE =
  /authentication provider|open-vsx|Creating a socket|connection token|grace-time|Service Worker|AgentHost|AccountPolicy|builtin extensions cache|ENOTFOUND|marketplace/;

const t0 = Date.now();
const { ctx, page, close } = await launchChromium();
let done;
const exited = new Promise((r) => (done = r));
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const m = format(...args);
  if (!NOISE.test(m)) console.log(type === 'error' ? `[eh:error] ${m}` : m);
});
await page.exposeFunction('codeAutomationExit', (code) => done(code));
await page.goto(url);
const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
console.log(`extension-host tests: exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await close();
void ctx;
process.exit(code === 0 ? 0 : 1);
