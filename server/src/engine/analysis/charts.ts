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

/**
 * The names Go/Helm templates of the workspace (chart templates or not) give objects of each kind where
 * both `kind:` and the `name:` under `metadata:` are written without template syntax: such a document
 * renders an object of that name, in a namespace decided at install time. Read from the document's lines,
 * since a template is often not valid YAML.
 */
export function templatedNames(files: readonly ParsedFile[]): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of files)
    for (const doc of f.docs) {
      if (!doc.templated) continue;
      const id = literalIdentity(f.text.slice(doc.start, doc.end));
      if (!id) continue;
      let names = out.get(id.kind);
      if (!names) out.set(id.kind, (names = new Set()));
      names.add(id.name);
    }
  return out;
}

const TOP_KIND = /^kind:[ \t]*(["']?)([A-Za-z]\w*)\1[ \t]*(?:#.*)?$/;
const LITERAL_NAME = /^[ \t]+name:[ \t]*(["']?)([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)\1[ \t]*(?:#.*)?$/;

/** `kind` and `metadata.name` of one document's text, when both are literal. */
function literalIdentity(text: string): { kind: string; name: string } | undefined {
  let kind: string | undefined;
  let name: string | undefined;
  let inMetadata = false;
  let indent = -1;
  for (const line of text.split('\n')) {
    const trimmed = line.trimStart();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('{{')) continue;
    if (trimmed.length === line.length) {
      inMetadata = /^metadata:[ \t]*(?:#.*)?$/.test(line);
      indent = -1;
      kind = TOP_KIND.exec(line)?.[2] ?? kind;
      continue;
    }
    if (!inMetadata) continue;
    if (indent < 0) indent = line.length - trimmed.length;
    if (line.length - trimmed.length === indent && trimmed.startsWith('name:'))
      name = LITERAL_NAME.exec(line)?.[2];
  }
  return kind && name ? { kind, name } : undefined;
}
