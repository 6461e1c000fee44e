import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import {
  annotationCompletions,
  annotationHover,
} from '../../server/src/engine/services/annotation-completion';

/** `|` marks the cursor. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  return { file: parseFile('file:///c.yaml', text), offset };
}

const DEPLOY = (ownAnn: string, tplAnn: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    ${ownAnn}\nspec:\n  template:\n    metadata:\n      annotations:\n        ${tplAnn}\n    spec: {}\n`;

describe('annotation completion', () => {
  const cases: {
    name: string;
    text: string;
    expect: (labels: string[], items: ReturnType<typeof annotationCompletions>) => void;
  }[] = [
    {
      name: 'keys in a pod template list Pod annotations first',
      text: DEPLOY('x: y', 'sidecar.istio.io/pro|'),
      expect: (labels, items) => {
        assert.ok(labels.includes('sidecar.istio.io/proxyCPU'));
        const cpu = items.find((i) => i.label === 'sidecar.istio.io/proxyCPU')!;
        assert.equal(cpu.sortText[0], '0');
        assert.match(cpu.documentation, /Alpha/);
        assert.equal(cpu.insertText, 'sidecar.istio.io/proxyCPU: ');
        assert.ok(!labels.includes('proxy.istio.io/overrides'), 'hidden annotations are not offered');
      },
    },
    {
      name: 'on the Deployment itself, Pod annotations rank below',
      text: DEPLOY('sidecar|', 'x: y'),
      expect: (_l, items) =>
        assert.equal(items.find((i) => i.label === 'sidecar.istio.io/proxyCPU')!.sortText[0], '1'),
    },
    {
      name: 'enum values',
      text: DEPLOY('x: y', 'sidecar.istio.io/interceptionMode: T|'),
      expect: (labels, items) => {
        assert.deepEqual(labels, ['REDIRECT', 'TPROXY', 'NONE']);
        assert.equal(items[0].range.start.character, '        sidecar.istio.io/interceptionMode: '.length);
      },
    },
    {
      name: 'label keys',
      text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels:\n    istio|\n',
      expect: (labels) => {
        assert.ok(labels.includes('istio.io/dataplane-mode'));
        assert.ok(!labels.includes('sidecar.istio.io/proxyCPU'));
      },
    },
    {
      name: 'nothing outside metadata',
      text: 'apiVersion: v1\nkind: Pod\nspec:\n  annotations:\n    |\n',
      expect: (labels) => assert.deepEqual(labels, []),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { file, offset } = at(c.text);
      const items = annotationCompletions(file, offset);
      c.expect(
        items.map((i) => i.label),
        items,
      );
    });
  }
});

describe('annotation hover', () => {
  it('shows the description and feature status', () => {
    const { file, offset } = at(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    sidecar.istio.io/inj|ect: "true"\n',
    );
    const h = annotationHover(file, offset)!;
    assert.match(h.contents, /Specifies whether or not an Envoy sidecar should be automatically/);
    assert.match(h.contents, /\*\*Beta\*\* · \*\*deprecated\*\*/);
    assert.equal(h.range.start.line, 5);
  });
  it('labels too, and nothing for foreign keys', () => {
    const { file, offset } = at(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    istio.io/data|plane-mode: ambient\n    ap: x\n',
    );
    assert.match(annotationHover(file, offset)!.contents, /Stable/);
    assert.equal(annotationHover(file, file.text.indexOf('ap:') + 1), undefined);
  });
});
