// SafeRegex agrees with JS RegExp on every pattern of the bundle, and stays linear on inputs that
// make a backtracking engine explode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertTerminated } from '../helpers/hangGuard';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { SafeRegex } from '../../server/src/engine/schema/safeRegex';
import { repoRoot } from '../helpers/paths';

function bundlePatterns(): string[] {
  const pats = new Set<string>();
  for (const d of ['crds', 'kubernetes']) {
    const dir = path.join(repoRoot, 'schemas', d);
    for (const f of fs.readdirSync(dir))
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g))
        pats.add(JSON.parse(m[1]) as string);
  }
  return [...pats].sort();
}

describe('SafeRegex', () => {
  const patterns = bundlePatterns();
  it('compiles every pattern of the bundle', () => {
    assert.ok(patterns.length >= 15);
    for (const p of patterns) assert.ok(SafeRegex.compile(p), p);
  });
  const table: [string, string, boolean][] = [
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'my-name', true],
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'my-name-', false],
    ['^([0-9]{1,5}(h|m|s|ms)){1,4}$', '1h30m', true],
    ['^([0-9]{1,5}(h|m|s|ms)){1,4}$', '123456s', false],
    [
      '(^\\*$)|(^(http(s)?):\\/\\/(((\\*\\.)?([a-zA-Z0-9\\-]+\\.)*[a-zA-Z0-9-]+|\\*)(:([0-9]{1,5}))?)$)',
      'https://*.example.com:8443',
      true,
    ],
    ["^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$", 'X-Custom_`Header', true],
    ["^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$", 'bad header', false],
    ['abc', 'xxabcxx', true],
    ['^abc$', 'xxabcxx', false],
    ['a{2,}', 'baab', true],
    ['a{3}', 'baab', false],
    ['[^a-c]', 'abc', false],
    ['\\d+\\.\\d', 'v1.2', true],
  ];
  for (const [p, s, want] of table)
    it(`${p} on ${JSON.stringify(s)}`, () => assert.equal(SafeRegex.compile(p)!.test(s), want));
  it('rejects syntax it cannot run (lookahead, backreferences)', () => {
    for (const p of ['(?=a)', '(a)\\1', '\\bword', '[[:alpha:]]'])
      assert.equal(SafeRegex.compile(p), undefined, p);
  });
  it('agrees with RegExp on random inputs for every bundle pattern', () => {
    const alphabet = fc.constantFrom(
      ...'aZ09-._*/: \t!#%?=@'.split(''),
      'h',
      's',
      'm',
      'x',
      'http://',
      '.',
      '~',
    );
    for (const p of patterns) {
      const safe = SafeRegex.compile(p)!;
      const re = new RegExp(p, 'u');
      fc.assert(
        fc.property(
          fc.array(alphabet, { maxLength: 10 }).map((a) => a.join('')),
          (s) => safe.test(s) === re.test(s),
        ),
        { numRuns: 200 },
      );
    }
  });
  it('stays linear where backtracking explodes', () => {
    const evil = SafeRegex.compile('^[!-~]+([\\t ]?[!-~]+)*$')!;
    const input = 'a.'.repeat(2000) + '\u0000';
    const t0 = performance.now();
    assert.equal(evil.test(input), false);
    assertTerminated(performance.now() - t0, 'catastrophic pattern');
  });
});
