// Injection never throws on bad input: odd shapes, alias bombs, deep nesting, wrong types.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadInjectBundle } from '../../server/src/data/inject';
import { buildSettings, injectFile, uninjectFile } from '../../server/src/engine/inject';
import { parseFile } from '../../server/src/engine/parse/parseFile';

const settings = buildSettings(loadInjectBundle(), {});
const head = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n';
const bomb =
  'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
const inputs: { name: string; text: string }[] = [
  { name: 'spec is a list', text: head + 'spec: [1, 2]\n' },
  { name: 'no template', text: head + 'spec: {}\n' },
  { name: 'containers is a string', text: head + 'spec:\n  template:\n    spec:\n      containers: nope\n' },
  {
    name: 'container without name',
    text: head + 'spec:\n  template:\n    spec:\n      containers: [{image: i}]\n',
  },
  {
    name: 'labels with numbers',
    text:
      head +
      'spec:\n  template:\n    metadata:\n      labels: {app: 1, version: 2.0}\n    spec:\n      containers: [{name: c, image: i, ports: [{containerPort: "80", name: 1}]}]\n',
  },
  {
    name: 'alias bomb',
    text:
      head +
      bomb +
      'spec:\n  template:\n    metadata:\n      labels: {x: y}\n    spec:\n      containers: [{name: c, image: i, args: *d}]\n',
  },
  {
    name: 'deep nesting',
    text:
      head +
      'spec:\n  template:\n    spec:\n      containers: [{name: c, image: i}]\n      x: ' +
      '['.repeat(3000) +
      ']'.repeat(3000) +
      '\n',
  },
  {
    name: 'broken status annotation',
    text:
      head +
      'spec:\n  template:\n    metadata:\n      annotations:\n        sidecar.istio.io/status: "{not json"\n        proxy.istio.io/overrides: "[1"\n    spec:\n      containers: [{name: c, image: i}]\n',
  },
  {
    name: 'bad proxy config annotation',
    text:
      head +
      'spec:\n  template:\n    metadata:\n      annotations:\n        proxy.istio.io/config: "[unclosed"\n    spec:\n      containers: [{name: c, image: i}]\n',
  },
  {
    name: 'a List of junk',
    text: 'apiVersion: v1\nkind: List\nitems: [1, "a", {kind: Pod, apiVersion: v1, spec: {containers: [{name: c}]}}]\n',
  },
  {
    name: 'templated',
    text: head + 'spec:\n  template:\n    metadata:\n      labels: {{ .Values.labels }}\n',
  },
];

describe('hostile input', () => {
  for (const c of inputs) {
    it(c.name, () => {
      const file = parseFile('f', c.text);
      const r = injectFile(file, settings);
      assert.ok(r.text !== null || (r.error && r.error.message.length > 0));
      const u = uninjectFile(file);
      assert.ok(u.text !== null || (u.error && u.error.length > 0));
    });
  }
});
