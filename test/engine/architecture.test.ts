// Architecture invariants, checked: the engine does no I/O and knows nothing of LSP; only server/src/lsp speaks
// LSP; imports go down the layers of ARCHITECTURE.md only, and no folder or file is part of an import cycle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { ALL_RULES } from '../../server/src/engine/rules';
import { cycles, importGraph, layerViolations, moduleGraph, moduleOf } from '../helpers/layers';
import { codeMapProblems, listedFiles } from '../helpers/codeMap';

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

  const graph = importGraph(repoRoot, ['server/src', 'client/src']);

  it('imports go down the layers only (same-level folders only along a declared edge)', () => {
    assert.deepEqual(layerViolations(graph), []);
  });

  it('no import cycle between folders', () => {
    assert.deepEqual(cycles(moduleGraph(graph)), []);
  });

  it('no import cycle between files', () => {
    assert.deepEqual(cycles(graph), []);
  });

  it('the checker sees every source file and its imports', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files`);
    assert.ok(graph.get('server/src/engine/check.ts')?.includes('server/src/engine/rules/index.ts'));
    assert.equal(moduleOf('server/src/engine/check.ts'), 'engine/check');
    assert.equal(moduleOf('server/src/engine/analyzers/util/annotations.ts'), 'engine/analyzers');
    assert.equal(moduleOf('client/src/extension.ts'), 'client');
  });
});

describe('the code map of ARCHITECTURE.md', () => {
  const markdown = fs.readFileSync(path.join(repoRoot, 'ARCHITECTURE.md'), 'utf8');
  const sources = ['server/src', 'client/src'].flatMap((d) =>
    tsFiles(path.join(repoRoot, d)).map((f) => path.relative(repoRoot, f).split(path.sep).join('/')),
  );

  it('lists every source file under its folder, and only files that exist', () => {
    assert.deepEqual(codeMapProblems(markdown, sources), []);
    assert.ok(listedFiles(markdown).length > 200, 'the map lists the modules one by one');
  });

  it('the checker fails on a file left out, a file that went away and a file listed twice', () => {
    const doc = [
      '## Code map',
      '### `server/src/engine/parse/`',
      '- `a.ts`: kept',
      '- `gone.ts`: moved away',
      '- `a.ts`: again',
      '## Layers',
    ].join('\n');
    assert.deepEqual(
      codeMapProblems(`\n${doc}`, [
        'server/src/engine/parse/a.ts',
        'server/src/engine/parse/new.ts',
        'server/src/engine/rules/duplicate-key.ts',
      ]),
      [
        'server/src/engine/parse/new.ts is missing from the code map',
        'the code map lists server/src/engine/parse/gone.ts, which does not exist',
        'the code map lists server/src/engine/parse/a.ts twice',
      ],
    );
  });
});

describe('the layer checker itself', () => {
  // A synthetic graph: the real layering plus one planted import of each kind the checker must catch.
  const planted = new Map<string, string[]>([
    ['server/src/engine/parse/a.ts', ['server/src/engine/util/json.ts']],
    ['server/src/engine/model/m.ts', ['server/src/engine/parse/a.ts']],
    ['server/src/engine/util/json.ts', []],
  ]);

  it('passes a graph that only goes down', () => {
    assert.deepEqual(layerViolations(planted), []);
    assert.deepEqual(cycles(planted), []);
  });

  it('fails on a planted upward import', () => {
    const up = new Map(planted).set('server/src/engine/parse/a.ts', ['server/src/engine/analysis/x.ts']);
    const v = layerViolations(up);
    assert.equal(v.length, 1);
    assert.match(v[0], /parse\/a\.ts \(engine\/parse, layer 1\) imports .*analysis\/x\.ts .*upward/);
  });

  it('fails on a same-level import without a declared edge, and passes it with one', () => {
    const side = new Map([['server/src/engine/cel/c.ts', ['server/src/engine/annotations/p.ts']]]);
    assert.match(layerViolations(side)[0], /same layer, no declared edge/);
    const table = {
      layers: { 'engine/cel': 3, 'engine/annotations': 3 },
      allowed: ['engine/cel -> engine/annotations'],
    };
    assert.deepEqual(layerViolations(side, table), []);
  });

  it('fails on a module the table does not place', () => {
    const stray = new Map([['server/src/engine/nowhere/n.ts', ['server/src/engine/util/json.ts']]]);
    assert.match(layerViolations(stray)[0], /module engine\/nowhere has no layer/);
  });

  it('finds file and folder cycles', () => {
    const loop = new Map(planted).set('server/src/engine/util/json.ts', ['server/src/engine/model/m.ts']);
    assert.deepEqual(cycles(loop), [
      ['server/src/engine/model/m.ts', 'server/src/engine/parse/a.ts', 'server/src/engine/util/json.ts'],
    ]);
    assert.deepEqual(cycles(moduleGraph(loop)), [['engine/model', 'engine/parse', 'engine/util']]);
    const self = new Map([['a.ts', ['a.ts']]]);
    assert.deepEqual(cycles(self), [['a.ts']]);
  });
});
