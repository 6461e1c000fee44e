// The AuthorizationPolicy apply-time example (examples/apply-time): the CRD schema accepts it,
// Istio's webhook rejects the /40 CIDR and the named port, each reported on the offending value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';
import { readText, repoRoot } from '../helpers/paths';

test('examples/apply-time/authorizationpolicy.yaml: IST0106 on the CIDR and on the port', () => {
  const text = readText(path.join(repoRoot, 'examples', 'apply-time', 'authorizationpolicy.yaml'));
  const file = parseFile('file:///examples/apply-time/authorizationpolicy.yaml', text);
  const diags = checkFile(file, testEnv());
  const at = (code: string, needle: string): string[] =>
    diags
      .filter((d) => d.code === code && d.message.includes(needle))
      .map((d) => text.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end)));
  assert.deepEqual(at('IST0106', 'bad CIDR range (10.20.0.0/40)'), ['10.20.0.0/40']);
  assert.ok(
    diags.some((d) => d.message.includes('netip.ParsePrefix("10.20.0.0/40"): prefix length out of range')),
  );
  assert.deepEqual(at('IST0106', 'bad port (http)'), ['http']);
  // Nothing else: the schema has no objection.
  assert.deepEqual(
    diags.filter((d) => d.code !== 'IST0106').map((d) => `${d.code}: ${d.message}`),
    [],
  );
});
