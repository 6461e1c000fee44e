// Schema-driven completion at a cursor (marked `|` in the text).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { schemaCompletions } from '../../server/src/engine/services/completion';
import { testEnv } from '../helpers/env';

function complete(src: string) {
  const offset = src.indexOf('|');
  const file = parseFile('file:///c.yaml', src.slice(0, offset) + src.slice(offset + 1));
  return { items: schemaCompletions(file, offset, testEnv()), file };
}

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n';
const cases: { name: string; src: string; has: string[]; lacks?: string[]; first?: string }[] = [
  {
    name: 'spec keys of a VirtualService',
    src: VS + 'spec:\n  hosts: [r]\n  |',
    has: ['http', 'gateways', 'tcp', 'tls', 'exportTo'],
    lacks: ['hosts'],
  },
  { name: 'partial key on a new line', src: VS + 'spec:\n  ht|', has: ['http'] },
  {
    name: 'keys of a new list item',
    src: VS + 'spec:\n  http:\n  - |',
    has: ['route', 'match', 'timeout', 'retries'],
  },
  {
    name: 'keys under a key with no value yet',
    src: VS + 'spec:\n  http:\n  - route:\n    - destination:\n        |',
    has: ['host', 'subset', 'port'],
    first: 'host',
  },
  {
    name: 'sibling keys in a list item',
    src: VS + 'spec:\n  http:\n  - route:\n    - destination:\n        host: r\n      |',
    has: ['weight', 'headers'],
    lacks: ['destination'],
  },
  {
    name: 'required keys first (Deployment spec)',
    src: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  |',
    has: ['replicas', 'template', 'selector'],
    first: 'selector',
  },
  {
    name: 'enum values',
    src: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: |',
    has: ['STRICT', 'PERMISSIVE', 'DISABLE'],
  },
  {
    name: 'enum values after a partial word',
    src: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: ST|',
    has: ['STRICT'],
  },
  {
    name: 'boolean values',
    src: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  paused: |',
    has: ['true', 'false'],
  },
  {
    name: 'kinds of the group',
    src: 'apiVersion: networking.istio.io/v1\nkind: |',
    has: ['VirtualService', 'DestinationRule', 'Sidecar'],
    lacks: ['Telemetry'],
  },
  {
    name: 'apiVersions serving the kind',
    src: 'apiVersion: |\nkind: Telemetry\n',
    has: ['telemetry.istio.io/v1'],
    lacks: ['apps/v1'],
  },
  { name: 'top-level keys', src: VS + '|', has: ['spec'], lacks: ['metadata', 'kind'] },
  {
    name: 'metadata keys',
    src: VS.replace('  name: r\n', '  name: r\n  |'),
    has: ['labels', 'annotations', 'namespace'],
    lacks: ['name'],
  },
  { name: 'nothing for non-Kubernetes YAML', src: 'jobs:\n  build:\n    |', has: [] },
];

describe('schema completion', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { items } = complete(c.src);
      const labels = items.map((i) => i.label);
      for (const h of c.has)
        assert.ok(labels.includes(h), `${h} missing from ${labels.slice(0, 30).join(', ')}`);
      for (const l of c.lacks ?? []) assert.ok(!labels.includes(l), `${l} should not be offered`);
      if (c.first)
        assert.equal([...items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0].label, c.first);
      if (!c.has.length) assert.equal(items.length, 0);
    });
  }
  it('carries descriptions and types', () => {
    const { items } = complete(VS + 'spec:\n  |');
    const http = items.find((i) => i.label === 'http')!;
    assert.match(http.documentation, /HTTP/);
    assert.match(http.detail, /array/);
    assert.equal(http.insertText, 'http:\n  - ');
  });
  it('replaces the partial word', () => {
    const { items } = complete(VS + 'spec:\n  ht|');
    const r = items[0].range;
    assert.deepEqual([r.start.line, r.start.character, r.end.character], [5, 2, 4]);
  });
});
