// The webhook's quick fixes (issue 10 §3), through the quick-fix service: each applied fix removes
// the finding it fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import type { TextEdit } from '../../server/src/engine/parse/edits';
import { testEnv } from '../helpers/env';

function applyEdits(text: string, file: ReturnType<typeof parseFile>, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({
      s: file.lines.offsetAt(e.range.start),
      e: file.lines.offsetAt(e.range.end),
      t: e.newText,
    }))
    .sort((a, b) => b.s - a.s);
  for (const x of spans) text = text.slice(0, x.s) + x.t + text.slice(x.e);
  return text;
}

/** Applies the one fix for `message` and returns the fixed text and the diagnostics left. */
function fix(text: string, message: RegExp): { text: string; left: string[] } {
  const file = parseFile('file:///fix.yaml', text);
  const diags = checkFile(file, testEnv());
  const i = diags.findIndex((d) => d.code === 'IST0106' && message.test(d.message));
  assert.ok(i >= 0, `finding ${String(message)} in ${JSON.stringify(diags.map((d) => d.message))}`);
  const actions = quickFixes(file, [diags[i]]);
  assert.equal(actions.length, 1, 'one fix');
  const fixed = applyEdits(text, file, actions[0].edits);
  const left = checkFile(parseFile('file:///fixed.yaml', fixed), testEnv())
    .filter((d) => d.code === 'IST0106')
    .map((d) => d.message);
  return { text: fixed, left };
}

test('renames a duplicate DestinationRule subset', () => {
  const r = fix(
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: r\n  subsets:\n  - name: v1\n  - name: v1\n  - name: v1-2\n',
    /duplicate subset names: v1/,
  );
  assert.match(r.text, /- name: v1-3\n/);
  assert.deepEqual(r.left, []);
});

test('adds the tls block an HTTPS Gateway server lacks', () => {
  const r = fix(
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  servers:\n  - port:\n      number: 443\n      name: https\n      protocol: HTTPS\n    hosts:\n    - a.example.com\n',
    /server must have TLS settings/,
  );
  assert.match(r.text, /\n {4}tls:\n {6}mode: SIMPLE\n {6}credentialName: gw-credential\n$/);
  assert.deepEqual(r.left, []);
});

test('adds a route to an HTTP rule that has none', () => {
  const r = fix(
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  hosts:\n  - reviews\n  http:\n  - timeout: 5s\n',
    /HTTP route, redirect or direct_response is required/,
  );
  assert.match(r.text, /\n {4}route:\n {4}- destination:\n {8}host: reviews\n$/);
  assert.deepEqual(r.left, []);
});
