// Runs one registered analyzer over inline YAML files, for the analyzers' own unit tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, applyMeshConfig, defaultMeshConfig } from '../../server/src/engine/analysis';
import { analyzerByName } from '../../server/src/engine/analyzers';

export interface Finding {
  code: string;
  /** The file's path as the test named it. */
  file: string;
  /** `Kind ns/name` or `Kind name`, as the conformance test writes it. */
  resource: string;
  message: string;
  /** The text the diagnostic's range covers. */
  text: string;
  line: number;
  /** LSP severity: 1 error, 2 warning, 3 information, 4 hint. */
  severity: number;
}

/** One of Istio's analyzer test cases (third_party/upstream/istio/analysis/cases.json). */
export interface AnalysisCase {
  id: string;
  analyzer: string;
  testdata: string[];
  meshConfig: string | null;
  meshNetworks: string | null;
  expected: { code: string; resource: string }[];
}

/** The upstream case `id` from `<dir>/cases.json`; throws when there is none. */
export function analysisCase(dir: string, id: string): AnalysisCase {
  const found = (JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as AnalysisCase[]).find(
    (c) => c.id === id,
  );
  if (!found) throw new Error(`no analysis case ${id}`);
  return found;
}

export interface RunOptions {
  complete?: boolean;
  meshConfig?: Record<string, unknown>;
  /** Istio's default installation assumed present (the editor's default) or not. */
  installed?: 'default' | 'none';
  /** `-n`: the namespace of manifests that name none. */
  defaultNamespace?: string;
  /** The file whose definition of an object wins. */
  preferred?: string;
  /** istioLens.istioVersion (default: the engine's). */
  istioVersion?: string;
}

export function runAnalyzer(name: string, files: Record<string, string>, opts: RunOptions = {}): Finding[] {
  const analyzer = analyzerByName(name);
  if (!analyzer) throw new Error(`analyzer ${name} is not registered`);
  const parsed = Object.entries(files).map(([p, text]) => parseFile(`file:///${p}`, text));
  const out = analyzeWorkspace(parsed, {
    analyzers: [analyzer],
    assumeComplete: opts.complete ?? false,
    assumeInstalled: opts.installed,
    meshConfig: opts.meshConfig ? applyMeshConfig(opts.meshConfig) : defaultMeshConfig(),
    defaultNamespace: opts.defaultNamespace,
    preferred: opts.preferred ? (uri) => uri === `file:///${opts.preferred}` : undefined,
    istioVersion: opts.istioVersion,
  });
  const findings: Finding[] = [];
  for (const f of parsed) {
    for (const d of out.get(f.uri) ?? []) {
      const r = d.resource;
      const start = f.lines.offsetAt(d.range.start);
      const end = f.lines.offsetAt(d.range.end);
      findings.push({
        code: String(d.code),
        file: f.uri.slice('file:///'.length),
        resource: r
          ? r.namespace === null
            ? `${r.kind} ${r.name}`
            : `${r.kind} ${r.namespace}/${r.name}`
          : '<none>',
        message: d.message,
        text: f.text.slice(start, end),
        line: d.range.start.line,
        severity: d.severity,
      });
    }
  }
  return findings;
}

/**
 * The subsets destinationrule.SubsetSelectPodAnalyzer finds selecting no pod (IST0173), sorted: `docs`
 * as the documents of one file.
 */
export function subsetsSelectingNoPod(docs: readonly string[], opts: RunOptions = {}): string[] {
  return runAnalyzer('destinationrule.SubsetSelectPodAnalyzer', { 'ws/all.yaml': docs.join('---\n') }, opts)
    .filter((f) => f.code === 'IST0173')
    .map((f) => f.message.match(/^The Subset (\S+)/)?.[1] ?? f.message)
    .sort();
}

/** `code resource` pairs, sorted, for multiset comparisons. */
export const pairs = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.code} ${f.resource}`).sort();

/** One case of a table-driven analyzer test: a file's text and the findings expected, as printed. */
export interface AnalyzerCase {
  name: string;
  yaml: string;
  expect: string[];
}

/** A test per case: `analyzer` over the case's file, each finding printed by `print`. */
export function analyzerCases(
  analyzer: string,
  cases: readonly AnalyzerCase[],
  print: (f: Finding) => string,
): void {
  for (const c of cases)
    test(c.name, () => assert.deepEqual(runAnalyzer(analyzer, { 'a.yaml': c.yaml }).map(print), c.expect));
}
