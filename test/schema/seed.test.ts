// The seed fixture that started the project: a made-up kind, keys repeated in one mapping, wrong
// nesting, runaway repetition and a truncated end.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { readText, seedFixture } from '../helpers/paths';
import { testEnv } from '../helpers/env';

describe('seed-sidecar-proxy.yaml', () => {
  const text = readText(seedFixture);
  const lines = text.split('\n');
  const diags = checkFile(parseFile('file:///seed.yaml', text), testEnv());

  it('names the unknown kind IstioProxy on line 2, suggesting kinds of the group', () => {
    const d = diags.filter((x) => x.code === 'unknown-kind');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, Severity.Error);
    assert.deepEqual(d[0].range, { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } });
    assert.match(d[0].message, /^Unknown kind IstioProxy in networking\.istio\.io\/v1alpha3/);
    assert.match(d[0].message, /networking\.istio\.io has: .*VirtualService/);
  });
  it('reports duplicate keys on the repeated key', () => {
    const d = diags.filter((x) => x.code === 'duplicate-key');
    assert.ok(d.length >= 5, `${d.length} duplicate-key`);
    for (const x of d) {
      const key = /`([^`]+)`/.exec(x.message)![1];
      assert.equal(lines[x.range.start.line].slice(x.range.start.character, x.range.end.character), key);
      assert.ok(x.relatedInformation?.length, 'points at the first occurrence');
    }
  });
  it('locates the syntax errors', () => {
    const d = diags.filter((x) => x.code === 'yaml-syntax');
    assert.ok(d.length >= 1);
    for (const x of d)
      assert.ok(x.range.start.line > 1 && x.range.start.line < lines.length, `line ${x.range.start.line}`);
  });
  it('does not validate the body of an unknown kind', () => {
    assert.equal(
      diags.filter((x) => ['unknown-field', 'invalid-type', 'missing-required'].includes(x.code)).length,
      0,
    );
  });
});
