// A Helm template is no YAML until rendered, so yaml-syntax leaves it alone; a merge left unresolved in it
// is a mistake whatever it renders (the markers are copied into the YAML), reported on the opening marker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';

const found = (text: string, disabledCodes: string[] = []) => {
  const file = parseFile('file:///chart/templates/dr.yaml', text);
  return checkFile(file, testEnv({ disabledCodes })).map(
    (d) => `${d.range.start.line + 1} ${d.code} ${d.message}`,
  );
};

const template = (body: string) =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  host: {{ .Values.host }}\n${body}`;

test('an unresolved merge in a template: one error on the opening marker', () => {
  const text = template(
    '<<<<<<< HEAD\n  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n=======\n  subsets: []\n>>>>>>> feature\n',
  );
  assert.deepEqual(found(text), [
    '7 yaml-syntax Unresolved merge conflict ("<<<<<<< HEAD"): keep one side and delete the conflict markers',
  ]);
  assert.deepEqual(found(text, ['yaml-syntax']), []);
});

test('a template without all three markers, or with them inside a line, is left alone', () => {
  // an underline of equals signs (a heading in embedded text) and a lone opening marker prove no merge
  assert.deepEqual(found(template('  # notes\n  # =======\n=======\n')), []);
  assert.deepEqual(found(template('<<<<<<< HEAD\n  subsets: []\n')), []);
  assert.deepEqual(found(template('  x: "<<<<<<< HEAD"\n  y: "======="\n  z: ">>>>>>> b"\n')), []);
});
