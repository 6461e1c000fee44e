// `istio-lens check [--format text|json|sarif] [--only CODE,...] [--mesh-config FILE] [--assume-installed default|none] PATH...`
// Exit 0: no errors (warnings allowed); 1: errors found; 2: usage or I/O error.
import { parseArgs } from 'node:util';
import { Severity } from '../engine/model/diagnostic';
import { parseFile } from '../engine/parse/parseFile';
import { checkWorkspace } from '../engine/checkWorkspace';
import { loadEngineEnv } from '../data/env';
import { findYamlFiles } from './findFiles';
import { formatJson, formatSarif, formatText, type FileResult } from './format';
import { readMeshConfig } from './meshConfig';
import type { CliIO } from './io';
import { UsageError } from './io';

export const CHECK_USAGE =
  'usage: istio-lens check [--format text|json|sarif] [--only CODE,...] [--mesh-config FILE]\n' +
  '                        [--assume-installed default|none] PATH...';

export function runCheck(argv: string[], io: CliIO, version: string): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      only: { type: 'string', multiple: true },
      'mesh-config': { type: 'string' },
      'assume-installed': { type: 'string', default: 'default' },
    },
  });
  const format = values.format;
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UsageError(`unknown --format ${format}; use text, json or sarif`);
  if (!positionals.length) throw new UsageError('no PATH given');
  const assumeInstalled = values['assume-installed'];
  if (assumeInstalled !== 'default' && assumeInstalled !== 'none')
    throw new UsageError(`unknown --assume-installed ${assumeInstalled}; use default or none`);
  const meshConfig = values['mesh-config'] ? readMeshConfig(values['mesh-config'], io) : undefined;
  const only = (values.only ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

  let paths: string[];
  try {
    paths = findYamlFiles(positionals);
  } catch (e) {
    throw new UsageError(
      `cannot read ${(e as NodeJS.ErrnoException).path ?? positionals.join(' ')}: ${(e as Error).message}`,
    );
  }
  const files = paths.map((p) => parseFile(p, io.readFile(p)));
  const byUri = checkWorkspace(files, loadEngineEnv(), { only, meshConfig, assumeInstalled });
  const results: FileResult[] = paths.map((p) => ({ file: p, diagnostics: byUri.get(p) ?? [] }));

  const out =
    format === 'json'
      ? formatJson(results)
      : format === 'sarif'
        ? formatSarif(results, version)
        : formatText(results);
  io.stdout(out);
  const errors = results.reduce(
    (n, r) => n + r.diagnostics.filter((d) => d.severity === Severity.Error).length,
    0,
  );
  if (format === 'text') {
    const total = results.reduce((n, r) => n + r.diagnostics.length, 0);
    io.stderr(`${paths.length} file(s) checked: ${errors} error(s), ${total - errors} other finding(s)\n`);
  }
  return errors > 0 ? 1 : 0;
}
