// The per-file pipeline on a large manifest (a 2,000+ line multi-document file of Deployments,
// Services, VirtualServices and DestinationRules) reports no error. Its time is printed, not asserted:
// unit tests assert no timings; `npm run bench` measures edit -> diagnostics at 2k/20k/100k lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { ALL_RULES } from '../../server/src/engine/rules';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { fixtures, readText } from '../helpers/paths';
import { testEnv } from '../helpers/env';

const SCHEMA_CODES = new Set([
  'unknown-kind',
  'kind-wrong-group',
  'unserved-version',
  'deprecated-version',
  'unknown-field',
  'invalid-type',
  'missing-required',
  'invalid-enum',
  'invalid-format',
  'invalid-value',
  'conflicting-fields',
  'non-string-metadata',
]);

function bigManifest(minLines: number): string {
  const unit = readText(path.join(fixtures, 'mistakes', 'valid', 'multi-document.yaml'));
  const parts: string[] = [];
  let lines = 0;
  for (let i = 0; lines < minLines; i++) {
    const u = unit.replace(/reviews/g, `reviews${i}`);
    parts.push(u);
    lines += u.split('\n').length;
  }
  return parts.join('---\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

describe('performance', () => {
  const text = bigManifest(2000);
  const env = testEnv();
  it('checks a 2,000-line manifest with no errors', () => {
    checkFile(parseFile('file:///big.yaml', text), env); // warm: bundle files loaded, schemas compiled
    const times: number[] = [];
    let diags = [] as ReturnType<typeof checkFile>;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      diags = checkFile(parseFile('file:///big.yaml', text), env);
      times.push(performance.now() - t0);
    }
    const schemaRules = ALL_RULES.filter((r) => SCHEMA_CODES.has(r.meta.id));
    const file = parseFile('file:///big.yaml', text);
    const s0 = performance.now();
    checkFile(file, env, schemaRules);
    const schemaMs = performance.now() - s0;
    console.log(
      `${text.split('\n').length} lines: full pipeline median ${median(times).toFixed(1)} ms; schema rules alone (parsed file) ${schemaMs.toFixed(1)} ms`,
    );
    assert.deepEqual(
      diags.filter((d) => d.severity === Severity.Error).map((d) => d.message),
      [],
    );
  });
});
