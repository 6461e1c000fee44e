// `istio-lens inject` and `istio-lens uninject`: kube-inject / kube-uninject offline.
import { loadInjectBundle } from '../data/inject';
import {
  buildSettings,
  injectFile,
  InjectSettingsError,
  type NativeSidecarMode,
  type SettingsInput,
} from '../engine/inject';
import { uninjectFile } from '../engine/inject/uninject';
import { parseFile } from '../engine/parse/parseFile';

export interface InjectIO {
  readFile(p: string): string;
  stdin(): string;
  stdout(s: string): void;
  stderr(s: string): void;
  writeFile(p: string, s: string): void;
  env?(name: string): string | undefined;
}

const INJECT_USAGE = `Usage: istio-lens inject -f FILE|- [-o FILE] [--set PATH=VALUE]... [--operator-file FILE]...
                         [--mesh-config FILE] [--injection-config FILE] [--values FILE]
                         [--native-sidecars auto|true|false] [--kubernetes-version 1.35] [--profile NAME]
                         [--istio-version 1.32]

Injects the Istio sidecar into every workload of FILE, like istioctl kube-inject, and prints all
documents in order. Settings are layered: chart values + profile, --set IstioOperator paths
(values.*, meshConfig.*, components.cni.enabled), --operator-file overlays, then --mesh-config
(a MeshConfig overlay, or the mesh ConfigMap of a cluster). --injection-config and --values take
the istio-sidecar-injector ConfigMap / values exported from a cluster, for exact fidelity.
The proxy image is the release's, docker.io/istio/proxyv2:<version>.0 of --istio-version (default:
the bundled Istio's), unless --set values.global.hub=... / values.global.tag=... say otherwise.
The environment variable COMPLIANCE_POLICY (fips-140-3, ...) is read as istioctl and istiod read it:
the proxy gets it, and fips-140-3 restricts Go's crypto to FIPS 140-3 (GODEBUG=fips140=only).

Exit codes: 0 injected, 1 injection failed, 2 usage, settings or I/O error.
`;

const UNINJECT_USAGE = `Usage: istio-lens uninject -f FILE|- [-o FILE]

Removes everything sidecar injection added (like istioctl x kube-uninject) and prints all documents.

Exit codes: 0 done, 1 uninjection failed, 2 usage or I/O error.
`;

class UsageError extends Error {}

interface Parsed {
  file?: string;
  out?: string;
  help: boolean;
  settings: SettingsInput & { sets: string[]; operatorFiles: { name: string; text: string }[] };
}

function parseArgs(argv: string[], io: InjectIO, allowSettings: boolean): Parsed {
  const p: Parsed = { help: false, settings: { sets: [], operatorFiles: [] } };
  const file = (name: string) => {
    try {
      return { name, text: io.readFile(name) };
    } catch (e) {
      throw new UsageError(`cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '-h':
      case '--help':
        p.help = true;
        break;
      case '-f':
      case '--filename':
        p.file = value();
        break;
      case '-o':
      case '--output':
        p.out = value();
        break;
      default: {
        if (!allowSettings) throw new UsageError(`unknown option ${arg}`);
        switch (arg) {
          case '--set':
          case '-s':
            p.settings.sets.push(value());
            break;
          case '--operator-file':
          case '--operatorFileName':
            p.settings.operatorFiles.push(file(value()));
            break;
          case '--mesh-config':
          case '--meshConfigFile':
            p.settings.meshConfig = file(value());
            break;
          case '--injection-config':
          case '--injectConfigFile':
            p.settings.injectionConfig = file(value());
            break;
          case '--values':
          case '--valuesFile':
            p.settings.values = file(value());
            break;
          case '--native-sidecars': {
            const v = value();
            if (!['auto', 'true', 'false'].includes(v))
              throw new UsageError(`--native-sidecars must be auto, true or false (got ${v})`);
            p.settings.nativeSidecars = v as NativeSidecarMode;
            break;
          }
          case '--kubernetes-version':
            p.settings.kubernetesVersion = value();
            break;
          case '--istio-version':
            p.settings.istioVersion = value();
            break;
          case '--profile':
            p.settings.profile = value();
            break;
          default:
            throw new UsageError(`unknown option ${arg}`);
        }
      }
    }
  }
  return p;
}

function readInput(p: Parsed, io: InjectIO): { name: string; text: string } {
  if (!p.file) throw new UsageError('missing -f FILE (use -f - for standard input)');
  if (p.file === '-') return { name: '<stdin>', text: io.stdin() };
  try {
    return { name: p.file, text: io.readFile(p.file) };
  } catch (e) {
    throw new UsageError(`cannot read ${p.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function emit(p: Parsed, io: InjectIO, text: string): void {
  if (p.out) io.writeFile(p.out, text);
  else io.stdout(text);
}

function run(
  argv: string[],
  io: InjectIO,
  usage: string,
  allowSettings: boolean,
  body: (p: Parsed, input: { name: string; text: string }) => number,
): number {
  let p: Parsed;
  try {
    p = parseArgs(argv, io, allowSettings);
    if (p.help) {
      io.stdout(usage);
      return 0;
    }
    return body(p, readInput(p, io));
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof InjectSettingsError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** `istio-lens inject ...`: returns the exit code (0 ok, 1 injection failed, 2 bad usage or settings). */
export function runInject(argv: string[], io: InjectIO): number {
  return run(argv, io, INJECT_USAGE, true, (p, input) => {
    const compliancePolicy = io.env?.('COMPLIANCE_POLICY');
    const settings = buildSettings(loadInjectBundle(), { ...p.settings, compliancePolicy });
    const result = injectFile(parseFile(input.name, input.text), settings);
    for (const w of result.warnings) io.stderr(w.endsWith('\n') ? w : w + '\n');
    if (result.error || result.text === null) {
      const e = result.error!;
      io.stderr(`error: ${input.name}: document ${e.docIndex + 1}: ${e.message}\n`);
      return 1;
    }
    emit(p, io, result.text);
    return 0;
  });
}

/** `istio-lens uninject -f FILE`: returns the exit code. */
export function runUninject(argv: string[], io: InjectIO): number {
  return run(argv, io, UNINJECT_USAGE, false, (p, input) => {
    const result = uninjectFile(parseFile(input.name, input.text));
    if (result.error || result.text === null) {
      io.stderr(`error: ${input.name}: ${result.error ?? 'uninjection failed'}\n`);
      return 1;
    }
    emit(p, io, result.text);
    return 0;
  });
}
