// Istio's own webhook-validation test tables (third_party/istio/admission, see its README): for every
// case, the combined apply-time verdict (accepted iff Istio's webhook accepts it and the API server's
// CRD schema does) must be ours, and each of Istio's messages must be contained in one of ours.
// Prints verdict and message figures per kind. Kinds listed in ASSERTED must pass every case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';
import { readText, repoRoot } from '../helpers/paths';

interface Case {
  id: string;
  kind: string;
  source: string;
  manifest: string;
  valid: boolean;
  errors: string[];
  warnings: string[];
  crdAccepted?: boolean;
}

/** Kinds whose every case is asserted; the others are measured (and must not fall below FLOOR). */
const ASSERTED: ReadonlySet<string> = new Set<string>([
  'AuthorizationPolicy',
  'DestinationRule',
  'EnvoyFilter',
  'Gateway',
  'PeerAuthentication',
  'ProxyConfig',
  'RequestAuthentication',
  'ServiceEntry',
  'Sidecar',
  'Telemetry',
  'TrafficExtension',
  'VirtualService',
  'WasmPlugin',
  'WorkloadEntry',
  'WorkloadGroup',
]);

/**
 * Messages we cannot reproduce word for word, and what ours must say instead: cel-go's parser
 * errors are ANTLR's (error recovery included); ours come from @bufbuild/cel's parser.
 */
const MESSAGE_EQUIVALENTS: readonly { istio: RegExp; ours: RegExp }[] = [
  {
    istio: /^must be a valid CEL expression, ERROR: <input>:\d+:\d+: Syntax error:/,
    ours: /must be a valid CEL expression, ERROR: <input>:\d+:\d+:/,
  },
];

/** Whether one of our messages stands for Istio's message `m`. */
function covered(m: string, ours: string[]): boolean {
  const eq = MESSAGE_EQUIVALENTS.find((e) => e.istio.test(m));
  return eq ? ours.some((o) => eq.ours.test(o)) : ours.some((o) => o.includes(collapse(m)));
}

const dir = path.join(repoRoot, 'third_party', 'istio', 'admission');
const cases: Case[] = readText(path.join(dir, 'cases.jsonl'))
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case);

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

interface Outcome {
  c: Case;
  verdictOk: boolean;
  missing: string[];
}

function run(c: Case): Outcome {
  const file = parseFile(`file:///admission/${c.id}.yaml`, c.manifest);
  const diags = checkFile(file, testEnv());
  const rejected = diags.some((d) => d.severity === Severity.Error);
  const accepted = c.valid && c.crdAccepted !== false;
  const ours = (...codes: string[]): string[] =>
    diags.filter((d) => codes.includes(d.code)).map((d) => collapse(d.message));
  const errs = ours('IST0106');
  // Unreachable-rule warnings keep the codes istioctl analyze gives them.
  const warns = ours('IST0133', 'IST0130', 'IST0131');
  // A case the CRD's schema rejects for a required field left out never reaches the webhook: the API
  // server answers "Required value" first (missing-required), and what the webhook would say of the map
  // lacking the field is not reported (rules/shared/missingFieldEchoes.ts). Its messages are not asked for.
  const schemaFirst =
    c.crdAccepted === false &&
    diags.some((d) => d.code === 'missing-required' && d.severity === Severity.Error);
  const missing = schemaFirst
    ? []
    : [
        ...c.errors.filter((m) => !covered(m, errs)).map((m) => `error: ${m}`),
        ...c.warnings.filter((m) => !covered(m, warns)).map((m) => `warning: ${m}`),
      ];
  return { c, verdictOk: rejected === !accepted, missing };
}

const outcomes = cases.map(run);

const ONLY = process.env.WEBHOOK_KIND;
if (ONLY)
  for (const o of outcomes)
    if (o.c.kind === ONLY && (!o.verdictOk || o.missing.length))
      console.log(
        `${o.c.id} ${o.c.source} valid=${o.c.valid} crd=${String(o.c.crdAccepted)} verdictOk=${o.verdictOk} ${o.missing.join(' | ')}`,
      );

test('Istio webhook conformance: figures per kind', () => {
  const kinds = [...new Set(cases.map((c) => c.kind))].sort();
  const rows = kinds.map((kind) => {
    const of = outcomes.filter((o) => o.c.kind === kind);
    const verdict = of.filter((o) => o.verdictOk).length;
    const messages = of.filter((o) => o.missing.length === 0).length;
    return { kind, n: of.length, verdict, messages };
  });
  const pct = (a: number, b: number): string => `${((100 * a) / b).toFixed(1)}%`;
  const total = rows.reduce((a, r) => ({ n: a.n + r.n, v: a.v + r.verdict, m: a.m + r.messages }), {
    n: 0,
    v: 0,
    m: 0,
  });
  console.log('kind                   cases  verdict   messages');
  for (const r of rows)
    console.log(
      `${r.kind.padEnd(22)} ${String(r.n).padStart(5)}  ${pct(r.verdict, r.n).padStart(7)}  ${pct(r.messages, r.n).padStart(8)}`,
    );
  console.log(
    `${'total'.padEnd(22)} ${String(total.n).padStart(5)}  ${pct(total.v, total.n).padStart(7)}  ${pct(total.m, total.n).padStart(8)}`,
  );
  assert.equal(total.n, cases.length);
});

for (const kind of ASSERTED) {
  test(`Istio webhook conformance: every ${kind} case`, () => {
    const failures = outcomes
      .filter((o) => o.c.kind === kind && (!o.verdictOk || o.missing.length > 0))
      .map(
        (o) =>
          `${o.c.id} ${o.c.source}: ${o.verdictOk ? '' : `verdict wrong (Istio ${o.c.valid ? 'valid' : 'invalid'}, CRD ${String(o.c.crdAccepted)}) `}${o.missing.join(' | ')}`,
      );
    assert.deepEqual(failures, []);
  });
}
