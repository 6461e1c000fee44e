// A hint on each other definition of an object (tutorial steps, versions side by side): the cluster
// holds one of them at a time, and cross-file analysis reads the one the hint points at. Without it, a
// user who edits a shadowed definition would wonder why no cross-file finding changes.
import { Severity, SOURCE, type EngineDiagnostic } from '../model/diagnostic';
import type { WorkspaceResource } from './analyzer';
import { isInstalled } from './installed';
import type { Workspace } from './workspace';
import { reportsCode, type ReportFilter } from './reportFilter';
import { rangeAt } from './resource';

export const ALTERNATIVE_DEFINITION = 'alternative-definition';
/** Where the hint sits: each definition's name. */
const NAME = ['metadata', 'name'];

export function alternativeNotes(
  ws: Workspace,
  filter: ReportFilter,
): { uri: string; diagnostic: EngineDiagnostic }[] {
  if (!reportsCode(filter, ALTERNATIVE_DEFINITION)) return [];
  const out: { uri: string; diagnostic: EngineDiagnostic }[] = [];
  for (const [r, winner] of ws.shadowedBy) {
    // A base rendered twice (two overlays of one namespace) is one definition, not two.
    if (isInstalled(r) || isInstalled(winner) || r.doc === winner.doc) continue;
    const where = winner.file.uri === r.file.uri ? 'later in this file' : `in ${relativePath(r, winner)}`;
    const diagnostic: EngineDiagnostic = {
      range: rangeAt(r, NAME),
      severity: Severity.Hint,
      code: ALTERNATIVE_DEFINITION,
      message:
        `${r.kind} ${r.name} is also defined ${where}: the cluster holds one definition at a time, ` +
        'and cross-file analysis reads that one',
      source: SOURCE,
      relatedInformation: [
        {
          uri: winner.file.uri,
          range: rangeAt(winner, NAME),
          message: 'the definition cross-file analysis reads',
        },
      ],
      resource: { kind: r.kind, namespace: r.namespace, name: r.name },
    };
    out.push({ uri: r.file.uri, diagnostic });
  }
  return out;
}

/** The winner's file relative to the shadowed one's directory (`../v2/vs.yaml`). */
function relativePath(from: WorkspaceResource, to: WorkspaceResource): string {
  const a = from.file.uri.split('/').slice(0, -1);
  const b = to.file.uri.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  if (i < 3) return decoded(to.file.uri); // nothing shared beyond the scheme
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].map(decoded).join('/');
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
