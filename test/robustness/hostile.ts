// Hostile inputs, shared by the engine and the server tests: each must be handled in bounded time,
// with a clear diagnostic where one is due and the flood capped where there would be one.
import assert from 'node:assert/strict';
import path from 'node:path';
import { istioData, readText } from '../helpers/paths';
import { DEFAULT_SETTINGS } from '../../server/src/engine/model/env';

/** Just enough of a diagnostic for the expectations (engine and LSP shapes both fit). */
export interface Diag {
  code?: string | number;
  message: string;
  range: { start: { line: number } };
  relatedInformation?: unknown[];
}

export interface HostileCase {
  name: string;
  text: () => string;
  /** Codes that must be reported (at least once each). */
  expect?: string[];
  /** Nothing at all may be reported. */
  clean?: boolean;
  /** Further checks on the diagnostics. */
  check?: (diags: Diag[]) => void;
}

/** The case's own expectations on what was reported: nothing when clean, each expected code, its checks. */
export function assertExpected(c: HostileCase, diags: Diag[]): void {
  if (c.clean)
    assert.deepEqual(
      diags.map((d) => `${d.code}: ${d.message}`),
      [],
    );
  for (const code of c.expect ?? [])
    assert.ok(
      diags.some((d) => d.code === code),
      `expected ${code}, got ${[...new Set(diags.map((d) => d.code))].join(',')}`,
    );
  c.check?.(diags);
}

const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\n';
/** A valid real manifest (Deployment, Service, ServiceAccount...), for the stays-clean cases. */
export const VALID = (): string => readText(path.join(istioData, 'samples', 'httpbin', 'httpbin.yaml'));

/** A ConfigMap whose `levels` nested anchors each alias the previous one `width` times. */
export function billionLaughs(levels: number, width: number): string {
  let s = HEADER + 'data:\n  l0: &l0 "lol"\n';
  for (let i = 1; i <= levels; i++)
    s += `  l${i}: &l${i} [${Array(width)
      .fill(`*l${i - 1}`)
      .join(', ')}]\n`;
  return s;
}

function mergeBomb(levels: number): string {
  let s = HEADER + 'data:\n  m0: &m0 {a: 1}\n';
  for (let i = 1; i <= levels; i++)
    s += `  m${i}: &m${i}\n    <<: [${Array(10)
      .fill(`*m${i - 1}`)
      .join(', ')}]\n    k${i}: [${Array(10)
      .fill(`*m${i - 1}`)
      .join(', ')}]\n`;
  return s;
}

const codes = (ds: Diag[]): string[] => ds.map((d) => String(d.code));
const count = (ds: Diag[], code: string): number => ds.filter((d) => d.code === code).length;

function oneSummary(ds: Diag[], code: string): void {
  assert.equal(
    count(ds, code),
    DEFAULT_SETTINGS.maxPerCode,
    `${code} capped at ${DEFAULT_SETTINGS.maxPerCode}`,
  );
  const summaries = ds.filter((d) => d.code === 'too-many-problems');
  assert.equal(summaries.length, 1, 'exactly one summary');
  assert.match(summaries[0].message, new RegExp(`^\\d+ more problems .*\\d+ ${code}`));
}

export const HOSTILE: HostileCase[] = [
  {
    name: 'billion laughs (10 levels of 10 aliases)',
    text: () => billionLaughs(10, 10),
    expect: ['excessive-aliasing'],
    check: (ds) =>
      assert.match(ds.find((d) => d.code === 'excessive-aliasing')!.message, /excessive aliasing/),
  },
  { name: 'billion laughs through merge keys', text: () => mergeBomb(12), expect: ['excessive-aliasing'] },
  {
    name: '10,000 anchors, each aliased once (linear, not a bomb)',
    text: () =>
      HEADER +
      'data:\n  list: |\n    x\nitems:\n' +
      Array.from({ length: 10_000 }, (_, i) => `- &a${i} v${i}\n- *a${i}\n`).join(''),
    check: (ds) => assert.equal(count(ds, 'excessive-aliasing'), 0),
  },
  {
    name: '20,000-deep flow nesting',
    text: () => HEADER + 'data: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n',
    expect: ['yaml-syntax'],
    check: (ds) =>
      assert.ok(
        ds.some((d) => /nested too deeply/.test(d.message)),
        codes(ds).join(),
      ),
  },
  {
    name: '20,000-deep flow mappings',
    text: () => HEADER + 'data: ' + '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000) + '\n',
    expect: ['yaml-syntax'],
    check: (ds) => assert.ok(ds.some((d) => /nested too deeply/.test(d.message))),
  },
  {
    name: '20,000 unclosed flow sequences',
    text: () => HEADER + 'data: ' + '['.repeat(20_000) + '\n',
    expect: ['yaml-syntax'],
  },
  {
    name: '2 MB plain scalar',
    text: () => HEADER + 'data:\n  big: ' + 'a'.repeat(2 << 20) + '\n',
    clean: true,
  },
  {
    name: '2 MB double-quoted scalar',
    text: () => HEADER + 'data:\n  big: "' + 'ab\\n'.repeat((2 << 20) / 4) + '"\n',
    clean: true,
  },
  {
    name: '2 MB block scalar',
    text: () => HEADER + 'data:\n  big: |\n' + ('    ' + 'x'.repeat(96) + '\n').repeat((2 << 20) / 101),
    clean: true,
  },
  {
    name: '2 MB key',
    text: () => HEADER + 'data:\n  ' + 'k'.repeat(2 << 20) + ': v\n',
    expect: ['yaml-syntax'],
  },
  {
    name: '100 KB of binary after a resource header',
    text: () =>
      HEADER +
      Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1'),
    expect: ['yaml-syntax'],
    check: (ds) => assert.ok(ds.length <= DEFAULT_SETTINGS.maxPerDocument + 1, `${ds.length} diagnostics`),
  },
  {
    name: '100 KB of binary alone (not a manifest: left alone)',
    text: () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 31 + 7) % 256)).toString('latin1'),
  },
  { name: '20,000 empty documents', text: () => HEADER + '---\n'.repeat(20_000), clean: true },
  {
    name: '20,000 empty documents with comments',
    text: () => VALID() + '---\n# nothing\n'.repeat(20_000),
    clean: true,
  },
  {
    name: '20,000 duplicate keys (10,000 keys twice each)',
    text: () =>
      HEADER + 'data:\n' + Array.from({ length: 20_000 }, (_, i) => `  k${i % 10_000}: "${i}"\n`).join(''),
    expect: ['duplicate-key'],
    check: (ds) => oneSummary(ds, 'duplicate-key'),
  },
  {
    name: 'one key repeated 20,000 times (grouped into one report)',
    text: () => HEADER + 'data:\n' + Array.from({ length: 20_000 }, (_, i) => `  k: "${i}"\n`).join(''),
    expect: ['duplicate-key'],
    check: (ds) => {
      assert.equal(count(ds, 'duplicate-key'), 1);
      assert.match(ds[0].message, /20000 times/);
      assert.ok((ds[0].relatedInformation?.length ?? 0) <= 20);
    },
  },
  {
    name: '5,000 documents with a duplicate key each (capped per file)',
    text: () => (HEADER + 'data:\n  a: "1"\n  a: "2"\n---\n').repeat(5_000),
    expect: ['duplicate-key', 'too-many-problems'],
    check: (ds) => {
      assert.ok(ds.length <= 1001, `${ds.length} diagnostics`);
      assert.match(ds.find((d) => d.code === 'too-many-problems')!.message, /more problems in this file/);
    },
  },
  { name: 'BOM on a valid file', text: () => '\uFEFF' + VALID(), clean: true },
  { name: 'CRLF on a valid file', text: () => VALID().replace(/\n/g, '\r\n'), clean: true },
  {
    name: 'BOM and CRLF on a valid file',
    text: () => '\uFEFF' + VALID().replace(/\n/g, '\r\n'),
    clean: true,
  },
  { name: 'CR-only line ends on a valid file', text: () => VALID().replace(/\n/g, '\r') },
  {
    name: 'truncated inside a double-quoted scalar',
    text: () => HEADER + 'data:\n  a: "never closed',
    expect: ['yaml-syntax'],
  },
  {
    name: 'truncated inside a flow sequence',
    text: () => HEADER + 'data:\n  a: [1, 2',
    expect: ['yaml-syntax'],
  },
  {
    name: 'truncated after a key',
    text: () => VALID().slice(0, VALID().indexOf('containerPort') + 'containerPort'.length),
  },
  { name: 'truncated mid-line, CRLF', text: () => VALID().replace(/\n/g, '\r\n').slice(0, 777) },
  { name: 'a lone CR after a key', text: () => HEADER + 'data:\r' },
  {
    name: 'NUL bytes and lone surrogates',
    text: () => HEADER + 'data:\n  a: "\u0000\ud800"\n  b: \udfff\u0000\n',
  },
];
