// What Helm charts in the workspace could render: a directory with `Chart.yaml` is a chart, and its
// output is unknown, not absent (names and the release namespace are decided at install time). The kinds
// a chart can render are the literal `kind:` lines of its templates the workspace holds; a chart whose
// templates are not in the workspace could render anything.
import type { ParsedFile } from '../parse/parseFile';

/** True for a chart's `Chart.yaml` (any folder). */
export const isChartFile = (uri: string): boolean => /(^|[/\\])Chart\.yaml$/.test(uri);

const KIND_LINE = /^kind:[ \t]*["']?([A-Za-z][\w]*)/gm;

/** The kinds the workspace's charts could render: undefined without charts, 'any' when unknown. */
export function chartKinds(files: readonly ParsedFile[]): ReadonlySet<string> | 'any' | undefined {
  const dirs = files.filter((f) => isChartFile(f.uri)).map((f) => f.uri.replace(/Chart\.yaml$/, ''));
  if (!dirs.length) return undefined;
  const kinds = new Set<string>();
  for (const dir of dirs) {
    const templates = files.filter((f) => f.uri.startsWith(`${dir}templates/`));
    if (!templates.length) return 'any';
    for (const t of templates) for (const m of t.text.matchAll(KIND_LINE)) kinds.add(m[1]);
  }
  return kinds;
}
