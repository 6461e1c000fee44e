// `istio-lens check [--format text|json|sarif] [--only CODE|ANALYZER,...] [--mesh-config FILE]
//  [--assume-installed default|none] [-n NS] [--assume-complete] PATH...|-`
// Exit 0: no errors (warnings allowed); 1: errors found; 2: usage or I/O error.
import { parseArgs } from 'node:util';
import { Severity } from '../engine/model/diagnostic';
import { parseFile } from '../engine/parse/parseFile';
import { checkWorkspace } from '../engine/checkWorkspace';
import type { FileRole } from '../engine/check';
import { loadEngineEnv } from '../data/env';
import { findYamlFiles } from './findFiles';
import { formatJson, formatSarif, formatText, shownAsText, type FileResult } from './format';
import { readMeshConfig } from './meshConfig';
import type { CliIO } from './io';
import { UsageError } from './io';

export const CHECK_USAGE = `usage: istio-lens check [--format text|json|sarif] [--only CODE|ANALYZER,...] [--mesh-config FILE]
                        [--assume-installed default|none] [-n|--namespace NS] [--assume-complete] PATH...|-`;

/** The name standard input is reported under. */
export const STDIN_NAME = '<stdin>';

const CHECK_HELP = `${CHECK_USAGE}

Validates every YAML file under PATH (files or folders; - for standard input) and runs Istio's
analyzers over them as one workspace, offline.

  --format text|json|sarif     output format (default text)
  --only CODE|ANALYZER,...     report only these codes (unknown-field, IST0118) and Istio analyzers
                               (service.PortNameAnalyzer); repeatable
  --mesh-config FILE           a MeshConfig (or the istio ConfigMap) merged onto Istio's defaults
  --assume-installed default|none
                               what the cluster holds beyond the files: Istio's default installation
                               (istiod, istio-ingressgateway) or nothing (default: default)
  -n, --namespace NS           the namespace of manifests that name none (as kubectl/istioctl -n)
  --assume-complete            the inputs are the whole cluster (istioctl analyze on files): what is
                               absent is missing
  -                            read the manifests from standard input
  -h, --help                   this help

Hints (where another definition of an object is) are in the json and sarif output only.
Exit codes: 0 no errors (warnings and notes allowed), 1 errors found, 2 usage or I/O error.
`;

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
      namespace: { type: 'string', short: 'n' },
      'assume-complete': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
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

  const namespace = values.namespace?.trim();
  if (values.namespace !== undefined && !namespace) throw new UsageError('-n needs a namespace');
  const fromStdin = positionals.includes('-');
  let paths: string[];
  let named: string[];
  try {
    ({ paths, named } = findYamlFiles(positionals.filter((p) => p !== '-')));
  } catch (e) {
    throw new UsageError(
      `cannot read ${(e as NodeJS.ErrnoException).path ?? positionals.join(' ')}: ${(e as Error).message}`,
    );
  }
  const files = paths.map((p) => parseFile(p, io.readFile(p)));
  // A file named on the command line is checked as YAML whatever it holds; standard input as objects.
  const roles = new Map<string, FileRole>(named.map((p) => [p, 'named']));
  if (fromStdin) {
    files.push(parseFile(STDIN_NAME, io.stdin()));
    paths.push(STDIN_NAME);
    roles.set(STDIN_NAME, 'stream');
  }
  const byUri = checkWorkspace(files, loadEngineEnv(), {
    only,
    meshConfig,
    assumeInstalled,
    defaultNamespace: namespace,
    assumeComplete: values['assume-complete'],
    roles,
  });
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
    const total = results.reduce((n, r) => n + r.diagnostics.filter(shownAsText).length, 0);
    io.stderr(`${paths.length} file(s) checked: ${errors} error(s), ${total - errors} other finding(s)\n`);
  }
  return errors > 0 ? 1 : 0;
}
