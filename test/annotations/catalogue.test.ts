// The committed catalogue matches Istio's annotations.yaml/labels.yaml, and every typed value check
// names a key that exists (so a regeneration that renames a key fails here, not silently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parse } from 'yaml';
import { ANNOTATIONS, LABELS, READ_BY_ISTIO } from '../../server/src/engine/annotations/catalogue';
import { ANNOTATION_VALUES, LABEL_VALUES } from '../../server/src/engine/annotations/value-types';
import { istioData, readText } from '../helpers/paths';

const upstream = (file: string, key: string) =>
  (parse(readText(path.join(istioData, 'api', file))) as Record<string, unknown>)[key] as {
    name: string;
    deprecated?: boolean;
    featureStatus?: string;
  }[];

test('catalogue is up to date (npm: node scripts/generate-annotations.mjs)', () => {
  for (const [file, key, list] of [
    ['annotations.yaml', 'annotations', ANNOTATIONS],
    ['labels.yaml', 'labels', LABELS],
  ] as const) {
    const src = upstream(file, key);
    // The annotations Istio's code reads beyond its catalogue come last, and only while it lacks them.
    assert.deepEqual(
      list.filter((e) => !READ_BY_ISTIO.includes(e)).map((e) => e.name),
      src.map((e) => e.name).sort(),
    );
    for (const e of READ_BY_ISTIO)
      assert.ok(!src.some((x) => x.name === e.name), `${e.name} is catalogued now`);
    for (const e of src) {
      const mine = list.find((x) => x.name === e.name)!;
      assert.equal(mine.deprecated, e.deprecated === true, e.name);
      assert.equal(mine.featureStatus, e.featureStatus ?? 'Alpha', e.name);
    }
  }
});

test('every typed value names a catalogued key', () => {
  for (const k of Object.keys(ANNOTATION_VALUES))
    assert.ok(
      ANNOTATIONS.some((e) => e.name === k),
      `annotation ${k}`,
    );
  for (const k of Object.keys(LABEL_VALUES))
    assert.ok(
      LABELS.some((e) => e.name === k),
      `label ${k}`,
    );
});
