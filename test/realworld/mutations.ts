// Mutation recall on the real-world corpus: one hand-made mistake at a time in a real file (a misspelt
// field, a repeated key, a misspelt enum value, a misspelt Istio annotation, a field one level too high),
// the repository checked as one workspace as `istio-lens check` does, and the mistake counted as caught
// when a new error or warning appears on the file within two lines of it. Only documents of kinds the
// bundle validates are mutated: a third-party CRD's document is not validated, by design.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair, type Scalar } from 'yaml';
import { main } from '../../server/src/cli/main';
import { processIO, type CliIO } from '../../server/src/cli/io';

export type MutationType =
  'key-typo' | 'duplicate-key' | 'enum-typo' | 'annotation-typo' | 'wrong-nesting' | 'reference-typo';
export const MUTATION_TYPES: readonly MutationType[] = [
  'reference-typo',
  'key-typo',
  'duplicate-key',
  'enum-typo',
  'annotation-typo',
  'wrong-nesting',
];

export interface Mutation {
  type: MutationType;
  /** Relative to the repository. */
  file: string;
  /** 1-based line of the mistake in the mutated text. */
  line: number;
  text: string;
  what: string;
}

export interface MutationResult extends Mutation {
  caught: boolean;
  codes: string[];
}

/** Maps whose keys are data (names, labels, header names, free-form config), not schema fields. */
const FREE_FORM = new Set([
  'labels',
  'annotations',
  'data',
  'stringData',
  'binaryData',
  'matchLabels',
  'selector',
  'nodeSelector',
  'values',
  'headers',
  'set',
  'add',
  'value',
  'typed_config',
  'config',
  'limits',
  'requests',
  'sourceLabels',
  'patch',
  'meshConfig',
  'defaultConfig',
  'parameters',
]);

/** Enum values of Istio and Kubernetes fields the corpus uses: a letter dropped is never valid. */
const ENUM_VALUES = new Set(
  (
    'ISTIO_MUTUAL SIMPLE MUTUAL STRICT PERMISSIVE DISABLE ALLOW DENY CUSTOM AUDIT MERGE REMOVE ' +
    'INSERT_BEFORE INSERT_AFTER INSERT_FIRST REPLACE SIDECAR_INBOUND SIDECAR_OUTBOUND GATEWAY ' +
    'HTTP_FILTER NETWORK_FILTER LISTENER ROUTE_CONFIGURATION Always IfNotPresent Never ClusterIP ' +
    'NodePort LoadBalancer MESH_EXTERNAL MESH_INTERNAL ROUND_ROBIN LEAST_REQUEST PASSTHROUGH ' +
    'REGISTRY_ONLY ALLOW_ANY RollingUpdate Recreate OnFailure Prefix Exact ImplementationSpecific'
  ).split(' '),
);

interface Entry {
  key: string;
  pair: Pair<Scalar, Node | null>;
  /** Keys from the document's root to the pair's mapping. */
  path: (string | number)[];
}

function entries(node: unknown, at: (string | number)[], out: Entry[]): Entry[] {
  if (isMap(node))
    for (const pair of node.items as Pair<Scalar, Node | null>[]) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      out.push({ key, pair, path: at });
      if (!FREE_FORM.has(key)) entries(pair.value, [...at, key], out);
      else if (key === 'annotations' && isMap(pair.value))
        for (const a of pair.value.items as Pair<Scalar, Node | null>[])
          if (isScalar(a.key) && a.key.range)
            out.push({ key: String(a.key.value), pair: a, path: [...at, key] });
    }
  else if (isSeq(node)) node.items.forEach((item, i) => entries(item, [...at, i], out));
  return out;
}

const dropLetter = (s: string, from: number): string => {
  const i = from + Math.floor((s.length - from - 1) / 2);
  return s.slice(0, i) + s.slice(i + 1);
};

/** Evenly spread picks, so a fixed corpus always yields the same mutations. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / n)]);
}

class TextEdits {
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  line(offset: number): number {
    let n = 1;
    for (let i = 0; i < offset; i++) if (this.text.charCodeAt(i) === 10) n++;
    return n;
  }

  replace(type: MutationType, [from, to]: [number, number], by: string, what: string): Mutation {
    const text = this.text.slice(0, from) + by + this.text.slice(to);
    return { type, file: this.file, line: this.line(from), text, what };
  }

  /** The whole line `offset` is on, as [start, end] (end before its newline), or undefined on the last line. */
  lineAround(offset: number): [number, number] | undefined {
    const end = this.text.indexOf('\n', offset);
    return end < 0 ? undefined : [this.text.lastIndexOf('\n', offset - 1) + 1, end];
  }
}

/** Every candidate mutation of one file, by type, in the validated documents (`validated(apiVersion, kind)`). */
export function candidates(
  file: string,
  text: string,
  validated: (apiVersion: string, kind: string) => boolean,
): Map<MutationType, Mutation[]> {
  const out = new Map<MutationType, Mutation[]>(MUTATION_TYPES.map((t) => [t, []]));
  if (text.includes('{{')) return out;
  const t = new TextEdits(file, text);
  for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: false })) {
    if (!('contents' in doc) || doc.errors.length || !isMap(doc.contents)) continue;
    const head = doc.contents.toJSON() as Record<string, unknown>;
    if (typeof head.apiVersion !== 'string' || typeof head.kind !== 'string') continue;
    if (!validated(head.apiVersion, head.kind)) continue;
    for (const e of entries(doc.contents, [], [])) addMutations(t, e, out);
  }
  return out;
}

function addMutations(t: TextEdits, e: Entry, out: Map<MutationType, Mutation[]>): void {
  const keyRange = e.pair.key.range!;
  const value = e.pair.value;
  const inSpec = e.path.length > 0 && e.path[0] !== 'status';
  const parent = e.path[e.path.length - 1];
  if (parent === 'annotations') return annotationTypo(t, e, out);
  if (inSpec && /^[a-zA-Z]{4,}$/.test(e.key) && t.text.slice(keyRange[0], keyRange[1]) === e.key) {
    const bad = dropLetter(e.key, 1);
    out.get('key-typo')!.push(t.replace('key-typo', [keyRange[0], keyRange[1]], bad, `${e.key} → ${bad}`));
  }
  if (isSeq(value) && e.key === 'gateways')
    for (const g of value.items)
      if (isScalar(g) && g.range && g.value !== 'mesh') referenceTypo(t, e.key, g, out);
  if (!isScalar(value) || !value.range) return;
  if (e.key === 'host' || e.key === 'subset') referenceTypo(t, e.key, value, out);
  if (typeof value.value === 'string' && ENUM_VALUES.has(value.value) && value.type === 'PLAIN') {
    const bad = dropLetter(value.value, 1);
    out
      .get('enum-typo')!
      .push(
        t.replace('enum-typo', [value.range[0], value.range[1]], bad, `${e.key}: ${value.value} → ${bad}`),
      );
  }
  const line = t.lineAround(value.range[1]);
  if (!line || line[0] > keyRange[0]) return;
  const lineText = t.text.slice(line[0], line[1]);
  if (/^\s*-/.test(lineText) || /[{[]/.test(lineText)) return;
  if (inSpec) out.get('duplicate-key')!.push(duplicated(t, line, lineText));
  if (inSpec && e.path.length >= 2) {
    const moved = movedUp(t, line, lineText, e.key);
    if (moved) out.get('wrong-nesting')!.push(moved);
  }
}

/** A name another resource defines (a host, a subset, a gateway) misspelt: a letter of its first label dropped. */
function referenceTypo(t: TextEdits, key: string, value: Scalar, out: Map<MutationType, Mutation[]>): void {
  const v = value.value;
  const range = value.range!;
  if (typeof v !== 'string' || value.type !== 'PLAIN' || t.text.slice(range[0], range[1]) !== v) return;
  const slash = v.lastIndexOf('/') + 1;
  const dot = v.indexOf('.', slash);
  const end = dot < 0 ? v.length : dot;
  const name = v.slice(slash, end);
  if (name.length < 4 || v.includes('*')) return;
  const typo = v.slice(0, slash) + dropLetter(name, 1) + v.slice(end);
  out
    .get('reference-typo')!
    .push(t.replace('reference-typo', [range[0], range[1]], typo, `${key}: ${v} → ${typo}`));
}

function annotationTypo(t: TextEdits, e: Entry, out: Map<MutationType, Mutation[]>): void {
  const range = e.pair.key.range!;
  if (!/istio\.io\//.test(e.key) || t.text.slice(range[0], range[1]) !== e.key) return;
  const bad = dropLetter(e.key, e.key.indexOf('/') + 2);
  out
    .get('annotation-typo')!
    .push(t.replace('annotation-typo', [range[0], range[1]], bad, `${e.key} → ${bad}`));
}

function duplicated(t: TextEdits, [, end]: [number, number], lineText: string): Mutation {
  return t.replace('duplicate-key', [end + 1, end + 1], `${lineText}\n`, lineText.trim());
}

/** The line moved to its parent mapping's indentation, just above the parent's key. */
function movedUp(
  t: TextEdits,
  [start, end]: [number, number],
  lineText: string,
  key: string,
): Mutation | undefined {
  const indent = lineText.length - lineText.trimStart().length;
  let p = start - 1;
  while (p > 0) {
    const s = t.text.lastIndexOf('\n', p - 1) + 1;
    const l = t.text.slice(s, p);
    const ind = l.length - l.trimStart().length;
    if (l.trim() && ind < indent) {
      if (/^\s*-/.test(l) || /^\s*#/.test(l)) return undefined;
      const without = t.text.slice(0, start) + t.text.slice(end + 1);
      const text = without.slice(0, s) + ' '.repeat(ind) + lineText.trimStart() + '\n' + without.slice(s);
      return { type: 'wrong-nesting', file: t.file, line: t.line(s), text, what: `${key} one level up` };
    }
    p = s - 1;
  }
  return undefined;
}

/** The kinds the bundle validates, from schemas/index.json. */
export function validatedKinds(repoRoot: string): (apiVersion: string, kind: string) => boolean {
  const index = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'index.json'), 'utf8')) as {
    kinds: { group: string; version: string; kind: string; served: boolean }[];
  };
  const served = new Set(
    index.kinds.filter((k) => k.served).map((k) => `${k.group ? `${k.group}/` : ''}${k.version} ${k.kind}`),
  );
  return (apiVersion, kind) => served.has(`${apiVersion} ${kind}`);
}

interface JsonFinding {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number } };
}

/** `istio-lens check --format json <dir>` in process, with `overlay` read in place of the files it names. */
function check(dir: string, overlay: ReadonlyMap<string, string>): JsonFinding[] {
  let out = '';
  const io: CliIO = {
    ...processIO,
    readFile: (p) => overlay.get(p) ?? processIO.readFile(p),
    stdout: (s) => {
      out += s;
    },
    stderr: () => undefined,
  };
  if (main(['check', '--format', 'json', dir], io) === 2)
    throw new Error(`istio-lens check failed on ${dir}`);
  return JSON.parse(out) as JsonFinding[];
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** `perType` mutations of each type spread over the repository's files, each checked with the whole repository. */
export function mutateRepo(root: string, repo: string, perType: number, repoRoot: string): MutationResult[] {
  const dir = path.join(root, repo);
  const validated = validatedKinds(repoRoot);
  const all = new Map<MutationType, Mutation[]>(MUTATION_TYPES.map((t) => [t, []]));
  for (const f of yamlFiles(dir)) {
    const found = candidates(path.relative(dir, f), fs.readFileSync(f, 'utf8'), validated);
    for (const [type, ms] of found) all.get(type)!.push(...ms);
  }
  const key = (f: JsonFinding) => `${f.file}|${f.code}|${f.range.start.line}|${f.message}`;
  const before = new Set(check(dir, new Map()).map(key));
  const results: MutationResult[] = [];
  for (const type of MUTATION_TYPES)
    for (const m of spread(all.get(type)!, perType)) {
      const file = path.join(dir, m.file);
      const fresh = check(dir, new Map([[file, m.text]])).filter(
        (f) => f.file === file && (f.severity === 'error' || f.severity === 'warning') && !before.has(key(f)),
      );
      const near = fresh.filter((f) => Math.abs(f.range.start.line + 1 - m.line) <= 2);
      results.push({ ...m, caught: near.length > 0, codes: [...new Set(near.map((f) => f.code))] });
    }
  return results;
}
