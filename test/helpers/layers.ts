// The layer checker behind test/engine/architecture.test.ts: a file-level import graph of the sources,
// each file's layer (from its folder), and the two ways a graph can break the layering: an import that
// goes up (or sideways between same-level folders without a declared edge), and a cycle.
import fs from 'node:fs';
import path from 'node:path';

/** A module (folder) and the layer it sits at; higher layers may import lower ones only. */
export interface LayerTable {
  /** Module name → layer number (0 is the bottom). */
  readonly layers: Readonly<Record<string, number>>;
  /** Same-level imports allowed anyway, as `from -> to` (kept minimal, each documented in ARCHITECTURE.md). */
  readonly allowed: readonly string[];
}

/** The engine's order (ARCHITECTURE.md, "Layers"), then the front ends' loaders and the front ends. */
export const LAYERS: LayerTable = {
  layers: {
    'engine/util': 0,
    'engine/parse': 1,
    'engine/model': 2,
    'engine/schema': 3,
    'engine/cel': 3,
    'engine/annotations': 3,
    'engine/webhook': 3,
    'engine/apiserver': 3,
    'engine/kustomize': 3,
    'engine/mesh': 3,
    'engine/rules': 4,
    'engine/analysis': 5,
    'engine/analyzers': 6,
    'engine/services': 7,
    'engine/inject': 7,
    'engine/check': 8,
    data: 9,
    lsp: 10,
    cli: 10,
    client: 10,
  },
  allowed: [
    // The ProxyConfig annotation's value is checked by the same validator the webhook runs on ProxyConfig.
    'engine/annotations -> engine/webhook',
    // The webhook validates MeshConfig against the mesh defaults.
    'engine/webhook -> engine/mesh',
    // CEL finds each CRD's validation rules through the schema registry.
    'engine/cel -> engine/schema',
  ],
};

/** file → the files it imports (relative imports only; packages are not modules of ours). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** The module a source file belongs to: `engine/<folder>`, `engine/check` for the engine's top-level files, or the front end. */
export function moduleOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'client') return 'client';
  // server/src/<front end or engine>/...
  if (parts[2] !== 'engine') return parts[2];
  return parts.length === 4 ? 'engine/check' : `engine/${parts[3]}`;
}

const tsFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Module specifiers of a file's static imports, re-exports and requires (type-only imports count too). */
export const importsOf = (text: string): string[] =>
  [...text.matchAll(/(?:\bfrom|\brequire\(|^\s*import)\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

/** The import graph of the sources under `dirs` (repository-relative), keyed by repository-relative path. */
export function importGraph(root: string, dirs: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const abs of tsFiles(path.join(root, dir))) {
      const targets: string[] = [];
      for (const spec of importsOf(fs.readFileSync(abs, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const base = path.resolve(path.dirname(abs), spec);
        const hit = [`${base}.ts`, path.join(base, 'index.ts'), base].find(
          (c) => c.endsWith('.ts') && fs.existsSync(c),
        );
        if (hit) targets.push(path.relative(root, hit).split(path.sep).join('/'));
      }
      graph.set(path.relative(root, abs).split(path.sep).join('/'), targets);
    }
  }
  return graph;
}

/** Imports that go up a layer, or sideways to another module of the same layer without an allowed edge. */
export function layerViolations(graph: ImportGraph, table: LayerTable = LAYERS): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const fm = moduleOf(from);
    for (const to of targets) {
      const tm = moduleOf(to);
      if (fm === tm) continue;
      const fl = table.layers[fm];
      const tl = table.layers[tm];
      if (fl === undefined || tl === undefined) {
        out.push(`${from} imports ${to}: module ${fl === undefined ? fm : tm} has no layer`);
      } else if (tl > fl) {
        out.push(`${from} (${fm}, layer ${fl}) imports ${to} (${tm}, layer ${tl}): upward`);
      } else if (tl === fl && !table.allowed.includes(`${fm} -> ${tm}`)) {
        out.push(`${from} (${fm}) imports ${to} (${tm}): same layer, no declared edge`);
      }
    }
  }
  return out;
}

/** The cycles of a graph: its strongly connected components with more than one node (or a self-loop). */
export function cycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative (the graph may be deep).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const nodes = new Set<string>([...graph.keys(), ...[...graph.values()].flat()]);
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      if (i === 0 && !index.has(v)) {
        index.set(v, next);
        low.set(v, next++);
        stack.push(v);
        onStack.add(v);
      }
      const succ = graph.get(v) ?? [];
      if (i < succ.length) {
        top[1]++;
        const w = succ[i];
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || succ.includes(v)) out.push(scc.sort());
      }
    }
  }
  return out;
}

/** The module-level graph of a file graph (edges between different modules only). */
export function moduleGraph(graph: ImportGraph): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [from, targets] of graph) {
    const fm = moduleOf(from);
    const set = out.get(fm) ?? new Set<string>();
    out.set(fm, set);
    for (const to of targets) if (moduleOf(to) !== fm) set.add(moduleOf(to));
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}
