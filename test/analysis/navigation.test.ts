// Navigation on the graph (definition, references, hover) over the examples/mesh workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { buildWorkspace } from '../../server/src/engine/analysis';
import {
  definition,
  navigationHover,
  references,
  type Location,
} from '../../server/src/engine/services/navigation';
import { repoRoot } from '../helpers/paths';

const dir = path.join(repoRoot, 'examples', 'mesh');
const files = new Map<string, ParsedFile>(
  fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => [n, parseFile(`file:///mesh/${n}`, fs.readFileSync(path.join(dir, n), 'utf8'))]),
);
const ws = buildWorkspace([...files.values()]);

/** The offset of the `nth` occurrence of `needle` in a file, plus one (inside the word). */
function at(file: string, needle: string, nth = 0): number {
  const text = files.get(file)!.text;
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} in ${file}`);
  return i + 1;
}

/** `file:line "text"` of each location. */
function show(locs: Location[]): string[] {
  return locs
    .map((l) => {
      const name = l.uri.split('/').pop()!;
      const f = files.get(name)!;
      return `${name}:${l.range.start.line + 1} ${JSON.stringify(f.text.slice(f.lines.offsetAt(l.range.start), f.lines.offsetAt(l.range.end)))}`;
    })
    .sort();
}

const DEFINITIONS: { name: string; file: string; needle: string; nth?: number; expect: string[] }[] = [
  {
    name: 'destination host → Service',
    file: 'web-routing.yaml',
    needle: 'host: web',
    expect: ['web.yaml:28 "web"'],
  },
  {
    name: 'subset → DestinationRule subset',
    file: 'web-routing.yaml',
    needle: 'subset: v1',
    expect: ['web-destinations.yaml:9 "v1"'],
  },
  { name: 'missing gateway → nothing', file: 'web-routing.yaml', needle: 'shop-gateway', expect: [] },
  {
    name: 'DestinationRule host → Service',
    file: 'web-destinations.yaml',
    needle: 'host: web',
    expect: ['web.yaml:28 "web"'],
  },
  {
    name: 'Sidecar selector → workload pod template',
    file: 'sidecars.yaml',
    needle: 'version: v1',
    expect: ['web.yaml:15 "app: web\\n        version: v1\\n"'],
  },
];
for (const c of DEFINITIONS) {
  test(`definition: ${c.name}`, () => {
    const off = at(c.file, c.needle, c.nth) + c.needle.indexOf(':') + 2;
    assert.deepEqual(show(definition(ws, files.get(c.file)!, off)), c.expect);
  });
}

test('definition: gateway name → Gateway, once it is spelled right', () => {
  const fixed = parseFile(
    'file:///mesh/web-routing.yaml',
    files.get('web-routing.yaml')!.text.replace('shop-gateway ', 'shop-gw      '),
  );
  const ws2 = buildWorkspace(
    [...files.values()].map((f) => (f.uri.endsWith('web-routing.yaml') ? fixed : f)),
  );
  const locs = definition(ws2, fixed, fixed.text.indexOf('shop-gw') + 2);
  assert.deepEqual(
    locs.map((l) => `${l.uri.split('/').pop()}:${l.range.start.line + 1}`),
    ['gateway.yaml:4'],
  );
});

test('references: from the Service name to every route and rule that targets it', () => {
  const off = at('web.yaml', 'name: web\n  namespace: shop') + 5;
  assert.deepEqual(show(references(ws, files.get('web.yaml')!, off)), [
    'web-destinations.yaml:7 "web"',
    'web-routing.yaml:17 "web"',
    'web-routing.yaml:23 "web"',
  ]);
});

test('references: from a subset to the routes that use it', () => {
  const off = at('web-destinations.yaml', '- name: v2') + 8;
  assert.deepEqual(show(references(ws, files.get('web-destinations.yaml')!, off)), [
    'web-routing.yaml:20 "v2"',
  ]);
});

test('hover: what a reference resolves to, or that it resolves to nothing', () => {
  const routing = files.get('web-routing.yaml')!;
  const gw = navigationHover(ws, routing, at('web-routing.yaml', 'shop-gateway'))!;
  assert.match(gw.contents, /Gateway `shop-gateway` resolves to nothing in the workspace/);
  const host = navigationHover(ws, routing, at('web-routing.yaml', 'host: web') + 7)!;
  assert.match(host.contents, /host `web` resolves to:\n- Service `shop\/web` \(web\.yaml:28\)/);
  assert.equal(navigationHover(ws, routing, 0), undefined);
});
