// A rewritten document keeps its sequence indentation, so an injection diff shows only what was added.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emitYaml, indentsSequences } from '../../server/src/engine/inject/gotemplate/emitYaml';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { buildSettings, injectEdit } from '../../server/src/engine/inject';
import { loadInjectBundle } from '../../server/src/data/inject';

test('indentsSequences tells the two styles apart', () => {
  const cases: [string, boolean][] = [
    ['a:\n- x\n', false],
    ['a:\n  - x\n', true],
    ['spec:\n  containers:\n  - name: a\n', false],
    ['spec:\n  containers:\n    # the app\n    - name: a\n', true],
    ['a: 1\n', false],
  ];
  for (const [text, want] of cases) assert.equal(indentsSequences(text), want, JSON.stringify(text));
});

test('emitYaml indents sequences on request', () => {
  const v = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } };
  assert.equal(emitYaml(v), 'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n');
  assert.equal(
    emitYaml(v, { indentSequences: true }),
    'spec:\n  containers:\n    - name: a\n      ports:\n        - containerPort: 80\n',
  );
});

test('injecting an indented-style Deployment leaves its own container lines as they were', () => {
  const text =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n' +
    '  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          ports:\n            - containerPort: 80\n';
  const r = injectEdit(parseFile('file:///d.yaml', text), 0, buildSettings(loadInjectBundle(), {}));
  assert.ok('edit' in r, JSON.stringify(r));
  const out = r.edit.newText;
  assert.ok(
    out.includes(
      '      containers:\n        - name: web\n          image: nginx\n          ports:\n            - containerPort: 80\n',
    ),
    out.slice(0, 2000),
  );
});
