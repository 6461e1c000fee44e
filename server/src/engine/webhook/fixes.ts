// Quick fixes for the webhook's certain cases (issue 10 §3): rename a duplicate DestinationRule subset,
// add the missing `tls` block skeleton of an HTTPS/TLS Gateway server, add the missing `route` skeleton
// of an HTTP route. The finding's data carries the mapping's path; edits append lines to it.
import { isMap } from 'yaml';
import type { EngineDiagnostic } from '../model/diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import { docAt } from '../parse/findNode';
import { getIn, type PathSegment } from '../parse/nodes';
import type { CodeActionResult, Fixer } from '../model/fix';

type Action = Omit<CodeActionResult, 'diagnostics'>;

const FIXERS: Record<string, Fixer> = {};

/** The webhook's fixers, by `data.fix` (listed by services/quickFixes.ts). */
export const WEBHOOK_FIXERS: Readonly<Record<string, Fixer>> = FIXERS;

FIXERS.renameSubset = (file, d) => {
  const taken = new Set(Array.isArray(d.data?.taken) ? d.data.taken.map(String) : []);
  const start = file.lines.offsetAt(d.range.start);
  const end = file.lines.offsetAt(d.range.end);
  const name = file.text.slice(start, end).replace(/^["']|["']$/g, '');
  let k = 2;
  while (taken.has(`${name}-${k}`)) k++;
  const fresh = `${name}-${k}`;
  return [
    {
      title: `Rename this subset to '${fresh}'`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ range: d.range, newText: fresh }],
    },
  ];
};

FIXERS.addServerTls = (file, d) => {
  const name = typeof d.data?.credential === 'string' ? d.data.credential : 'my-credential';
  return appendToMap(file, d, 'Add a TLS block (SIMPLE, from a Secret)', [
    'tls:',
    '  mode: SIMPLE',
    `  credentialName: ${name}`,
  ]);
};

FIXERS.addRoute = (file, d) => {
  const host = typeof d.data?.host === 'string' && d.data.host !== '' ? d.data.host : 'my-service';
  return appendToMap(file, d, `Add a route to '${host}'`, ['route:', '- destination:', `    host: ${host}`]);
};

/** Appends `lines` as new keys of the mapping at `data.path`, at its keys' indentation. */
function appendToMap(file: ParsedFile, d: EngineDiagnostic, title: string, lines: string[]): Action[] {
  const path = d.data?.path;
  const doc = docAt(file, file.lines.offsetAt(d.range.start));
  if (!doc || !Array.isArray(path)) return [];
  const map = getIn(doc.ast.contents, path as PathSegment[], doc.ast);
  if (!isMap(map) || map.flow || !map.range || map.items.length === 0) return [];
  const keyStart = map.items[0].key as { range?: number[] } | null;
  if (!keyStart?.range) return [];
  const indent = ' '.repeat(file.lines.positionAt(keyStart.range[0]).character);
  // After the mapping's last line (its range may end before or after that line's newline).
  const nl = file.text.indexOf('\n', map.range[1] - 1);
  const at = nl < 0 ? file.text.length : nl + 1;
  const prefix = at === file.text.length && !file.text.endsWith('\n') ? '\n' : '';
  const text = prefix + lines.map((l) => indent + l).join('\n') + '\n';
  const pos = file.lines.positionAt(at);
  return [
    {
      title,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ range: { start: pos, end: pos }, newText: text }],
    },
  ];
}
