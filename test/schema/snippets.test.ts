// Every snippet in snippets/istio.code-snippets, expanded with its defaults, validates cleanly
// (no errors or warnings) through the whole pipeline; the kinds are all covered.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { repoRoot, readText } from '../helpers/paths';
import { testEnv } from '../helpers/env';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}
const snippets = JSON.parse(readText(path.join(repoRoot, 'snippets', 'istio.code-snippets'))) as Record<
  string,
  Snippet
>;

/** VS Code snippet syntax -> the text a user gets by tabbing through: defaults, first choices. */
export function expand(body: string): string {
  let out = body;
  for (let i = 0; i < 5; i++) {
    out = out
      .replace(/\$\{\d+:([^{}$]*)\}/g, '$1') // ${1:default}
      .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1') // ${1|first,second|}
      .replace(/\$\{\d+\}|\$\d+/g, ''); // $1, ${1}, $0
  }
  return out;
}

describe('snippets', () => {
  const entries = Object.entries(snippets);
  it("cover the issue's kinds", () => {
    const kinds = new Set(
      entries.flatMap(([, s]) => [...expand(s.body.join('\n')).matchAll(/^kind: (\w+)$/gm)].map((m) => m[1])),
    );
    for (const k of [
      'VirtualService',
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'Sidecar',
      'PeerAuthentication',
      'AuthorizationPolicy',
      'RequestAuthentication',
      'Telemetry',
      'Deployment',
      'Service',
    ])
      assert.ok(kinds.has(k), `no snippet for ${k}`);
  });
  it('have unique prefixes and descriptions', () => {
    assert.equal(new Set(entries.map(([, s]) => s.prefix)).size, entries.length);
    for (const [name, s] of entries) assert.ok(s.description && s.prefix.startsWith('istio-'), name);
  });
  it('expansion leaves no snippet syntax', () => {
    for (const [name, s] of entries) assert.doesNotMatch(expand(s.body.join('\n')), /\$\{|\$\d/, name);
  });
  for (const [name, s] of entries) {
    it(`${name} validates cleanly`, () => {
      const text = expand(s.body.join('\n'));
      const file = parseFile(`file:///${s.prefix}.yaml`, text);
      assert.ok(
        file.docs.every((d) => d.resource),
        'every document is a resource',
      );
      const noisy = checkFile(file, testEnv()).filter((d) => d.severity <= Severity.Warning);
      assert.deepEqual(
        noisy.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
        [],
      );
    });
  }
  it('a broken expansion is caught (the check can fail)', () => {
    const vs = Object.values(snippets).find((s) => s.prefix === 'istio-virtualservice')!;
    const text = expand(vs.body.join('\n')).replace('perTryTimeout', 'perTryTimout');
    const errors = checkFile(parseFile('file:///bad.yaml', text), testEnv()).filter(
      (d) => d.severity === Severity.Error,
    );
    assert.deepEqual(
      errors.map((d) => d.code),
      ['unknown-field'],
    );
  });
});
