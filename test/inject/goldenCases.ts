// Shared driver for the kube-inject golden cases (third_party/upstream/istio/inject/cases.json):
// runs our CLI entry point with the case's flags against an in-memory file system, and compares
// outputs to goldens document by document, as parsed data.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runInject, runUninject, type InjectIO } from '../../server/src/cli/inject';
import { canonicalQuantity } from '../../server/src/engine/util/quantity';
import { isObj, type Obj } from '../../server/src/engine/util/json';
import { istioData } from '../helpers/paths';

export const injectDir = path.join(istioData, 'inject');
export const testdata = path.join(injectDir, 'testdata');

export interface GoldenCase {
  id: string;
  input: string;
  golden: string | null;
  args: string[];
  expectError?: string;
  skip?: string;
}

// Upstream's tests render the chart's development image (values.yaml: hub registry.istio.io/testing,
// tag latest); our default is the release image, so the cases set hub and tag explicitly, first, so
// that a case's own flags still win.
export const UPSTREAM_TEST_IMAGE = [
  '--set',
  'values.global.hub=registry.istio.io/testing',
  '--set',
  'values.global.tag=latest',
];
export const caseArgs = (c: GoldenCase): string[] => [...UPSTREAM_TEST_IMAGE, ...c.args];

/**
 * The environment an upstream case sets (its `skip` says `env NAME=VALUE`: upstream's test sets it in
 * the process, as a user runs `COMPLIANCE_POLICY=fips-140-3 istioctl kube-inject`); the CLI reads it too.
 */
export function caseEnv(c: GoldenCase): Record<string, string> | undefined {
  const m = /^env ([A-Z_][A-Z0-9_]*)=(\S+)$/.exec(c.skip ?? '');
  return m ? { [m[1]]: m[2] } : undefined;
}

/** Whether a case runs here: not skipped, or skipped only for an environment variable we pass. */
export const runnable = (c: GoldenCase): boolean => !c.skip || !!caseEnv(c);

export const cases = JSON.parse(fs.readFileSync(path.join(injectDir, 'cases.json'), 'utf8')) as GoldenCase[];

/** Resolves a case's file argument: testdata/ first, then mesh/. */
export function resolveCaseFile(name: string): string {
  for (const dir of [testdata, path.join(injectDir, 'mesh')]) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return name;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  run: typeof runInject,
  argv: string[],
  files: Record<string, string> = {},
  env: Record<string, string> = {},
): RunResult {
  let stdout = '';
  let stderr = '';
  const io: InjectIO = {
    readFile: (p) => (p in files ? files[p] : fs.readFileSync(resolveCaseFile(p), 'utf8')),
    stdin: () => files['-'] ?? '',
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    writeFile: (p, s) => {
      files[p] = s;
    },
    env: (name) => env[name],
  };
  const code = run(argv, io);
  return { code, stdout, stderr };
}

export const inject = (argv: string[], files?: Record<string, string>, env?: Record<string, string>) =>
  runCli(runInject, argv, files, env);
export const uninject = (argv: string[], files?: Record<string, string>) => runCli(runUninject, argv, files);

// Fields Go's typed round trip adds to every object (zero-value structs, `creationTimestamp: null`):
// they are artifacts of istioctl's serializer, not of injection.
const GO_ARTIFACTS = new Set([
  'creationTimestamp',
  'status',
  'strategy',
  'updateStrategy',
  'resources',
  'metadata',
]);

/** Normalizes a document for comparison: nulls and Go's empty zero-value structs removed, version hash blanked. */
export function normalize(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => normalize(x));
  if (isObj(v)) {
    const o: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      const n = normalize(x, k);
      if (GO_ARTIFACTS.has(k) && isObj(n) && !Object.keys(n).length) continue;
      if (k === 'test' && n === false) continue; // DeploymentConfig's non-omitempty zero
      if ((k === 'paused' && n === false) || (k === 'minReadySeconds' && n === 0)) continue; // omitempty zeros
      if (k === 'status' && isObj(n) && Object.values(n).every((y) => y === 0)) continue; // StatefulSet status zeros
      o[k] = n;
    }
    return o;
  }
  if (
    (key === 'cpu' || key === 'memory' || key === 'ephemeral-storage') &&
    (typeof v === 'string' || typeof v === 'number')
  )
    return canonicalQuantity(v) ?? v;
  if (key === 'sidecar.istio.io/status' && typeof v === 'string')
    return v.replace(/"version":"[0-9a-f]*",/, '"version":"",');
  return v;
}

export function parseDocs(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => d.toJS() as unknown)
    .filter((d) => d !== null && d !== undefined)
    .map((d) => normalize(d));
}

/** A short description of the first difference between two values, or null when equal. */
export function firstDiff(a: unknown, b: unknown, at = ''): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDiff(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDiff(a[k], b[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b
    ? null
    : `${at || '<root>'}: got ${JSON.stringify(a)?.slice(0, 300)}, want ${JSON.stringify(b)?.slice(0, 300)}`;
}

export function readCaseFile(name: string): string {
  return fs.readFileSync(path.join(testdata, name), 'utf8');
}

/** Replaces named probe ports by their numbers (injection resolves them; uninjection cannot tell them back). */
export function resolveNamedProbePorts(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(resolveNamedProbePorts);
  if (!isObj(v)) return v;
  const o: Obj = {};
  for (const [k, x] of Object.entries(v)) o[k] = resolveNamedProbePorts(x);
  if (typeof o.name === 'string' && Array.isArray(o.ports)) {
    const ports = new Map((o.ports as Obj[]).filter(isObj).map((p) => [p.name, p.containerPort]));
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      const h = isObj(o[probe]) ? o[probe].httpGet : undefined;
      if (isObj(h) && typeof h.port === 'string' && ports.has(h.port)) h.port = ports.get(h.port);
    }
  }
  return o;
}
