// One fixture per mistake class (test/fixtures/mistakes/), each caught at the right node through
// the whole pipeline (checkFile); valid files, non-Kubernetes YAML and Helm templates stay silent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity, type EngineDiagnostic } from '../../server/src/engine/model/diagnostic';
import { fixtures, readText } from '../helpers/paths';
import { testEnv } from '../helpers/env';

const dir = path.join(fixtures, 'mistakes');
const check = (rel: string): EngineDiagnostic[] =>
  checkFile(parseFile(`file:///${rel}`, readText(path.join(dir, rel))), testEnv());

/** 0-based line/character of the range start; `text` is what the range covers. */
const cases: {
  file: string;
  code: string;
  line: number;
  character: number;
  text?: string;
  message: RegExp;
  replacements?: string[];
  fix?: string;
  also?: string[];
}[] = [
  {
    file: 'unknown-field-wrong-level.yaml',
    code: 'unknown-field',
    line: 9,
    character: 6,
    text: 'host',
    message: /Unknown field `host` in spec\.http\[0\]\.route\[0\]; it belongs under `destination`/,
    // The destination then lacks its required host: the CRD's schema refuses that first, so Istio's
    // webhook ("empty domain name not allowed") is not reached, nor reported.
    also: ['missing-required'],
  },
  {
    file: 'wrong-type.yaml',
    code: 'invalid-type',
    line: 5,
    character: 12,
    text: '"two"',
    message: /spec\.replicas must be an integer, not string "two"/,
  },
  {
    file: 'enum-typo.yaml',
    code: 'invalid-enum',
    line: 7,
    character: 10,
    text: 'STRIKT',
    message: /"STRIKT" is not allowed at spec\.mtls\.mode; use one of .*`STRICT`/,
    replacements: ['STRICT'],
  },
  {
    file: 'kind-typo.yaml',
    code: 'unknown-kind',
    line: 1,
    character: 6,
    text: 'DestinationRul',
    message: /Unknown kind DestinationRul in networking\.istio\.io\/v1; did you mean DestinationRule\?/,
    replacements: ['DestinationRule'],
  },
  {
    file: 'kind-wrong-group.yaml',
    code: 'kind-wrong-group',
    line: 0,
    character: 12,
    text: 'networking.istio.io/v1',
    message: /^Telemetry is served by telemetry\.istio\.io\/v1/,
    replacements: ['telemetry.istio.io/v1'],
  },
  {
    file: 'version-not-served.yaml',
    code: 'unserved-version',
    line: 0,
    character: 12,
    text: 'security.istio.io/v1alpha1',
    message: /does not serve AuthorizationPolicy; use `security\.istio\.io\/v1`/,
    replacements: ['security.istio.io/v1'],
  },
  {
    // A one-edit misspelling of a served version: the body is still checked against the version
    // meant, so the misnested `prefix` (beside `uri`, not under it) is not hidden behind the typo.
    file: 'version-typo-body.yaml',
    code: 'unserved-version',
    line: 0,
    character: 12,
    text: 'networking.istio.io/v1aplha3',
    message: /does not serve VirtualService/,
    replacements: ['networking.istio.io/v1alpha3'],
    also: ['unknown-field'],
  },
  {
    // `uri:` left empty with its `prefix` at the same indentation: every StringMatch sibling
    // (authority, scheme, method, uri) has a `prefix`, the empty key is the one it was meant for.
    file: 'unknown-field-under-empty-key.yaml',
    code: 'unknown-field',
    line: 10,
    character: 6,
    text: 'prefix',
    message: /Unknown field `prefix` in spec\.http\[0\]\.match\[0\]; it belongs under `uri`/,
  },
  {
    file: 'boolean-annotation.yaml',
    code: 'non-string-metadata',
    line: 13,
    character: 48,
    text: 'true',
    message: /Annotation `sidecar\.istio\.io\/rewriteAppHTTPProbers` must be a string/,
    fix: 'quote',
  },
  {
    file: 'duplicate-key.yaml',
    code: 'duplicate-key',
    line: 10,
    character: 4,
    text: 'port',
    message: /Duplicate key `port`/,
  },
  { file: 'tab-indentation.yaml', code: 'yaml-syntax', line: 5, character: 0, message: /[Tt]ab/ },
  {
    file: 'list-as-map.yaml',
    code: 'invalid-type',
    line: 8,
    character: 4,
    message: /spec\.ports must be a list, not a mapping/,
  },
];

describe('mistake fixtures', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.code} at ${c.line + 1}:${c.character + 1}`, () => {
      const diags = check(c.file);
      const text = readText(path.join(dir, c.file));
      const d = diags.find((x) => x.code === c.code);
      assert.ok(d, `no ${c.code} in ${JSON.stringify(diags.map((x) => `${x.code}: ${x.message}`))}`);
      assert.equal(d.severity, Severity.Error);
      assert.deepEqual([d.range.start.line, d.range.start.character], [c.line, c.character], d.message);
      if (c.text) {
        const lines = text.split('\n');
        assert.equal(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), c.text);
      }
      assert.match(d.message, c.message);
      if (c.replacements) assert.deepEqual(d.data?.replacements, c.replacements);
      if (c.fix) assert.equal(d.data?.fix, c.fix);
      // The mistake (and what it directly implies) is the only error: no cascade of noise around it.
      const errors = diags.filter((x) => x.severity === Severity.Error).map((x) => x.code);
      assert.deepEqual(
        errors.sort(),
        [c.code, ...(c.also ?? [])].sort(),
        JSON.stringify(diags.map((x) => `${x.code}: ${x.message}`)),
      );
    });
  }

  const clean = fs
    .readdirSync(path.join(dir, 'valid'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  it('has clean files to check', () => assert.ok(clean.length >= 5));
  for (const f of clean) {
    it(`valid/${f} produces no errors or warnings`, () => {
      const noisy = check(`valid/${f}`).filter((d) => d.severity <= Severity.Warning);
      assert.deepEqual(
        noisy.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
        [],
      );
    });
  }
});
