// results.json: what the extension-host run reports back to the harness (counts, per-test states,
// and figures such as the activation time that tests record with `recordFigure`).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TestResult {
  title: string;
  state: string;
  ms: number;
}
export interface SuiteResults {
  total: number;
  passes: number;
  failures: number;
  pending: number;
  tests: TestResult[];
  figures?: Record<string, number>;
}

// Each *.e2e.js is its own bundle, so module state is not shared: keep the figures on globalThis.
const store = globalThis as typeof globalThis & { __istioLensFigures?: Record<string, number> };
const figures: Record<string, number> = (store.__istioLensFigures ??= {});

/** Records a measured figure (milliseconds) to report in results.json and the harness summary. */
export function recordFigure(name: string, value: number): void {
  figures[name] = value;
}

export function writeResults(dir: string, results: SuiteResults): void {
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ ...results, figures }, null, 2));
}
