// IST0107 on a Deployment's own metadata and its quick fix (move into the pod template), the
// IST0135 fix (inject annotation → label), and IST0136 at information level.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import type { TextEdit } from '../../server/src/engine/services/types';
import { testEnv } from '../helpers/env';

function apply(text: string, edits: TextEdit[]): string {
  const file = parseFile('file:///x.yaml', text);
  const abs = edits
    .map((e) => ({
      s: file.lines.offsetAt(e.range.start),
      e: file.lines.offsetAt(e.range.end),
      t: e.newText,
    }))
    .sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of abs) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

function fixOnce(text: string, code: string): { fixed: string; title: string } {
  const file = parseFile('file:///x.yaml', text);
  const diags = checkFile(file, testEnv()).filter((d) => d.code === code);
  assert.equal(diags.length, 1, `one ${code}: ${JSON.stringify(diags.map((d) => d.message))}`);
  const actions = quickFixes(file, diags);
  assert.equal(actions.length, 1, 'one quick fix');
  return { fixed: apply(text, actions[0].edits), title: actions[0].title };
}

const DEPLOY = (tplMeta: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  annotations:
    sidecar.istio.io/proxyCPU: 200m
spec:
  selector:
    matchLabels:
      app: a
  template:
${tplMeta}    spec:
      containers:
      - name: a
        image: a
`;

const moveCases: { name: string; tplMeta: string; want: string }[] = [
  {
    name: 'into existing template annotations',
    tplMeta:
      '    metadata:\n      labels:\n        app: a\n      annotations:\n        prometheus.io/scrape: "true"\n',
    want: '    metadata:\n      labels:\n        app: a\n      annotations:\n        prometheus.io/scrape: "true"\n        sidecar.istio.io/proxyCPU: 200m\n',
  },
  {
    name: 'creating template annotations',
    tplMeta: '    metadata:\n      labels:\n        app: a\n',
    want: '    metadata:\n      labels:\n        app: a\n      annotations:\n        sidecar.istio.io/proxyCPU: 200m\n',
  },
  {
    name: 'into an empty annotations key (a comment only)',
    tplMeta: '    metadata:\n      annotations:\n        # goes here\n      labels:\n        app: a\n',
    want: '    metadata:\n      annotations:\n        sidecar.istio.io/proxyCPU: 200m\n        # goes here\n      labels:\n        app: a\n',
  },
  {
    name: 'into a flow mapping',
    tplMeta: '    metadata:\n      labels: {app: a}\n      annotations: {}\n',
    want: '    metadata:\n      labels: {app: a}\n      annotations: {sidecar.istio.io/proxyCPU: 200m}\n',
  },
];

describe('IST0107 quick fix: move into the pod template', () => {
  for (const c of moveCases) {
    it(c.name, () => {
      const text = DEPLOY(c.tplMeta);
      const file = parseFile('file:///x.yaml', text);
      const d = checkFile(file, testEnv()).find((x) => x.code === 'IST0107')!;
      assert.ok(d, 'IST0107 reported');
      assert.equal(d.range.start.line, 5);
      assert.match(
        d.message,
        /can only be applied to Pod\. On a Deployment, put it in the pod template \(spec\.template\.metadata\.annotations\)/,
      );
      const { fixed, title } = fixOnce(text, 'IST0107');
      assert.match(title, /Move sidecar.istio.io\/proxyCPU to spec.template.metadata.annotations/);
      const want = DEPLOY(c.want).replace('  annotations:\n    sidecar.istio.io/proxyCPU: 200m\n', '');
      assert.equal(fixed, want);
      // The fixed document has no IST0107 left.
      assert.equal(
        checkFile(parseFile('file:///x.yaml', fixed), testEnv()).filter((x) => x.code === 'IST0107').length,
        0,
      );
    });
  }
  it('keeps other annotations of the workload', () => {
    const text = DEPLOY('    metadata:\n      labels:\n        app: a\n').replace(
      '    sidecar.istio.io/proxyCPU: 200m\n',
      '    sidecar.istio.io/proxyCPU: 200m\n    owner: me\n',
    );
    const { fixed } = fixOnce(text, 'IST0107');
    assert.match(fixed, /^ {2}annotations:\n {4}owner: me\n/m);
    assert.match(fixed, / {6}annotations:\n {8}sidecar.istio.io\/proxyCPU: 200m\n/);
  });
});

describe('IST0135 quick fix: inject annotation to label', () => {
  it('moves it into labels', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: a\n  annotations:\n    sidecar.istio.io/inject: "false"\nspec: {}\n';
    const { fixed } = fixOnce(text, 'IST0135');
    assert.equal(
      fixed,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: a\n    sidecar.istio.io/inject: "false"\nspec: {}\n',
    );
  });
});

describe('IST0135 on a Deployment', () => {
  it('moves the inject annotation to the pod template labels', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    sidecar.istio.io/inject: "false"\nspec:\n  template:\n    metadata:\n      labels:\n        app: a\n    spec: {}\n';
    const file = parseFile('file:///x.yaml', text);
    const diags = checkFile(file, testEnv()).filter((d) => d.code === 'IST0135');
    const [action] = quickFixes(file, diags);
    assert.match(action.title, /label in spec.template.metadata.labels/);
    assert.equal(
      apply(text, action.edits),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n        app: a\n        sidecar.istio.io/inject: "false"\n    spec: {}\n',
    );
  });
});

describe('IST0136', () => {
  it('alpha annotations are information, on the key', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    sidecar.istio.io/proxyCPU: 100m\n    proxy.istio.io/config: "{}"\nspec: {}\n';
    const d = checkFile(parseFile('file:///x.yaml', text), testEnv()).filter((x) => x.code === 'IST0136');
    assert.deepEqual(
      d.map((x) => [x.range.start.line, x.severity]),
      [[5, 3]],
    );
    assert.match(d[0].message, /alpha-phase feature/);
  });
});
