// Architecture invariants, checked: the engine does no I/O and knows nothing of LSP; only server/src/lsp speaks LSP.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { ALL_RULES } from '../../server/src/engine/rules';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const importsOf = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('architecture invariants', () => {
  it('the engine imports no I/O module and no LSP library', () => {
    const banned =
      /^(node:)?(fs|net|tls|http|https|child_process|dgram|dns|worker_threads)(\/|$)|^vscode-languageserver|^vscode$/;
    const offenders = tsFiles(path.join(repoRoot, 'server/src/engine')).flatMap((f) =>
      importsOf(f)
        .filter((m) => banned.test(m))
        .map((m) => `${path.relative(repoRoot, f)} imports ${m}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('only server/src/lsp speaks LSP', () => {
    const dirs = ['server/src/engine', 'server/src/cli', 'server/src/data'].map((d) =>
      path.join(repoRoot, d),
    );
    const offenders = dirs.flatMap(tsFiles).flatMap((f) =>
      importsOf(f)
        .filter((m) => m.startsWith('vscode-languageserver'))
        .map((m) => `${path.relative(repoRoot, f)} imports ${m}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('every rule lives in rules/<its code>.ts, and every file there is a registered rule', () => {
    const dir = path.join(repoRoot, 'server/src/engine/rules');
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .sort();
    assert.deepEqual(ALL_RULES.map((r) => `${r.meta.id}.ts`).sort(), files);
  });
});
