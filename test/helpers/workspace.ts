// A small YAML workspace checked as `istio-lens check` checks a folder: its error and warning findings
// as `path:line code message` lines, sorted.
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from './env';

export function checkFiles(files: Record<string, string>): string[] {
  const parsed = Object.entries(files).map(([p, text]) => parseFile(`file:///ws/${p}`, text));
  const out: string[] = [];
  for (const [uri, diags] of checkWorkspace(parsed, testEnv()))
    for (const d of diags)
      if (d.severity === Severity.Error || d.severity === Severity.Warning)
        out.push(`${uri.slice('file:///ws/'.length)}:${d.range.start.line + 1} ${d.code} ${d.message}`);
  return out.sort();
}
