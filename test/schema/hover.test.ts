// Schema-driven hover: description and type of the key under the cursor (marked `|`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { schemaHover } from '../../server/src/engine/services/hover';
import { testEnv } from '../helpers/env';

function hover(src: string) {
  const offset = src.indexOf('|');
  const file = parseFile('file:///h.yaml', src.slice(0, offset) + src.slice(offset + 1));
  return schemaHover(file, offset, testEnv());
}

const VS =
  'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [r]\n  http:\n  - timeout: 5s\n    route:\n    - destination:\n        host: r\n';
const cases: { name: string; src: string; match: RegExp[]; line?: number }[] = [
  {
    name: 'a CRD field',
    src: VS.replace('        host: r', '        ho|st: r'),
    match: [
      /\*\*host\*\*/,
      /`string`/,
      /required/,
      /service registry/i,
      /spec\.http\[\]\.route\[\]\.destination\.host/,
    ],
    line: 10,
  },
  {
    name: 'a value shows its key',
    src: VS.replace('timeout: 5s', 'timeout: 5|s'),
    match: [/\*\*timeout\*\*/, /Format: duration/],
  },
  {
    name: 'a Kubernetes field',
    src: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  rep|licas: 2\n',
    match: [/\*\*replicas\*\*/, /`integer`/, /desired pods/],
  },
  {
    name: 'enum values are listed',
    src: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mo|de: STRICT\n',
    match: [/Allowed values: `UNSET`, `DISABLE`, `PERMISSIVE`, `STRICT`/],
  },
  {
    name: 'kind',
    src: 'apiVersion: networking.istio.io/v1alpha3\nkind: Virtual|Service\n',
    match: [/\*\*VirtualService\*\*/, /Served versions: .*networking\.istio\.io\/v1\b/, /stable version/],
  },
  {
    name: 'map types',
    src: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nda|ta: {}\n',
    match: [/map\[string\]string/],
  },
];

describe('schema hover', () => {
  for (const c of cases) {
    it(c.name, () => {
      const h = hover(c.src);
      assert.ok(h, 'a hover');
      for (const m of c.match) assert.match(h.contents, m);
      if (c.line !== undefined) assert.equal(h.range.start.line, c.line);
    });
  }
  it('nothing outside resources', () => assert.equal(hover('name: ci\non:\n  pu|sh: {}\n'), undefined));
  it('nothing for unknown keys', () => assert.equal(hover(VS + '  - bog|us: 1\n'), undefined));
});
