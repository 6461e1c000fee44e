// YAML tags and merge keys never execute anything; aliases are expanded with limits. The documents
// name functions that would set a flag or touch a file if any tag were resolved to code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertTerminated } from '../helpers/hangGuard';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import { testEnv } from '../helpers/env';

const g = globalThis as { __istioLensPwned?: boolean };
const marker = path.join(os.tmpdir(), `istio-lens-pwned-${process.pid}`);
const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tags\n';

const CASES: { name: string; body: string }[] = [
  {
    name: 'js-yaml function tag',
    body: `data:\n  f: !!js/function 'function () { globalThis.__istioLensPwned = true }'\n`,
  },
  {
    name: 'js-yaml regexp and undefined',
    body: `data:\n  r: !!js/regexp /(a+)+$/\n  u: !!js/undefined ''\n`,
  },
  { name: 'PyYAML apply', body: `data:\n  p: !!python/object/apply:os.system ["touch ${marker}"]\n` },
  { name: 'Ruby object', body: `data:\n  r: !ruby/object:Gem::Installer\n    i: x\n` },
  {
    name: 'verbatim tag',
    body: `data:\n  v: !<tag:yaml.org,2002:js/function> 'function () { globalThis.__istioLensPwned = true }'\n`,
  },
  {
    name: 'custom local tags',
    body: `data:\n  e: !exec "touch ${marker}"\n  s: !include /etc/passwd\n  t: !env HOME\n`,
  },
  {
    name: '%TAG directive',
    body: `%TAG !js! tag:yaml.org,2002:js/\n---\n${HEADER}data:\n  f: !js!function 'function () { globalThis.__istioLensPwned = true }'\n`,
  },
  {
    name: 'binary, set, omap and timestamp',
    body: `data:\n  b: !!binary aGVsbG8=\n  s: !!set {a, b}\n  o: !!omap [a: 1]\n  t: !!timestamp 2001-12-14\n`,
  },
  {
    name: 'merge keys with tagged sources',
    body: `base: &b\n  x: !!js/function 'function () { globalThis.__istioLensPwned = true }'\ndata:\n  <<: *b\n  m:\n    <<: [*b, *b]\n`,
  },
  {
    name: 'merge-key bomb',
    body:
      `a0: &a0 {k0: 0}\n` +
      Array.from(
        { length: 25 },
        (_, i) => `a${i + 1}: &a${i + 1}\n  <<: [*a${i}, *a${i}]\n  k${i + 1}: [*a${i}, *a${i}]\n`,
      ).join(''),
  },
];

describe('YAML tags and merge keys execute nothing', () => {
  const env = testEnv();
  for (const c of CASES) {
    it(c.name, () => {
      g.__istioLensPwned = false;
      const text = c.body.startsWith('%TAG') ? c.body : HEADER + c.body;
      const file = parseFile('file:///tags.yaml', text, 1);
      const t0 = performance.now();
      const diags = checkWorkspace([file], env).get(file.uri) ?? [];
      quickFixes(file, diags);
      // The AST's own conversion, as any consumer might call it, with the limit the engine uses.
      for (const d of file.docs) {
        try {
          d.ast.toJS({ maxAliasCount: 100 });
        } catch {
          /* limits may refuse; never execute */
        }
      }
      const ms = performance.now() - t0;
      assertTerminated(ms, 'tags');
      assert.equal(g.__istioLensPwned, false, 'a tag ran code');
      assert.equal(fs.existsSync(marker), false, 'a tag ran a command');
      for (const d of file.docs) {
        const js = JSON.stringify(safeJs(d.ast));
        assert.doesNotMatch(js ?? '', /\[Function/, 'no function values');
      }
    });
  }

  it('the alias limit refuses a billion laughs instead of expanding it', () => {
    let s = HEADER + 'data:\n  l0: &l0 "lol"\n';
    for (let i = 1; i <= 9; i++)
      s += `  l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]\n`;
    const file = parseFile('file:///laughs.yaml', s, 1);
    const t0 = performance.now();
    assert.throws(() => file.docs[0].ast.toJS({ maxAliasCount: 100 }), /alias/i);
    assertTerminated(performance.now() - t0, 'billion laughs');
  });
});

function safeJs(doc: { toJS(o: { maxAliasCount: number }): unknown }): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return null;
  }
}
