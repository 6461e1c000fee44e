// Editor helpers: minimal edits (other bytes untouched) and the CodeLens injection verdict.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseAllDocuments } from 'yaml';
import { loadInjectBundle } from '../../server/src/data/inject';
import { buildSettings } from '../../server/src/engine/inject';
import {
  describeInjection,
  enableInjectionEdit,
  injectEdit,
  uninjectEdit,
  type EditResult,
  type NamespaceLabels,
} from '../../server/src/engine/inject/edits';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { inject, readCaseFile } from './goldenCases';

const settings = buildSettings(loadInjectBundle(), {});
const hello = readCaseFile('hello.yaml');
const service =
  '# keep me\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc  # trailing comment\nspec:\n  ports: [ {port: 80} ]\n';
const fileText = `${service}---\n# about hello\n${hello}---\n${service}`;

function apply(text: string, r: EditResult): string {
  assert.ok('edit' in r, 'error' in r ? r.error : '');
  const f = parseFile('f', text);
  const { range, newText } = r.edit;
  return text.slice(0, f.lines.offsetAt(range.start)) + newText + text.slice(f.lines.offsetAt(range.end));
}

describe('injectEdit / uninjectEdit', () => {
  it('replaces only the workload document', () => {
    const out = apply(fileText, injectEdit(parseFile('f', fileText), 1, settings));
    assert.ok(out.startsWith(`${service}---\n# about hello\n`), 'text before the document is untouched');
    assert.ok(out.endsWith(`---\n${service}`), 'text after the document is untouched');
    const docs = parseAllDocuments(out).map((d) => d.toJS() as unknown);
    const cli: unknown = parse(inject(['-f', 'hello.yaml']).stdout);
    assert.deepEqual(docs[1], cli);
  });
  it('refuses non-workloads and explains skipped ones', () => {
    assert.match(
      (injectEdit(parseFile('f', fileText), 0, settings) as { error: string }).error,
      /not a workload/,
    );
    const hostNet = readCaseFile('hello-host-network.yaml');
    assert.match(
      (injectEdit(parseFile('f', hostNet), 0, settings) as { error: string }).error,
      /host networking/,
    );
  });
  it('remove restores the document', () => {
    const injected = apply(fileText, injectEdit(parseFile('f', fileText), 1, settings));
    const back = apply(injected, uninjectEdit(parseFile('f', injected), 1));
    assert.deepEqual(
      parseAllDocuments(back).map((d) => d.toJS() as unknown),
      parseAllDocuments(fileText).map((d) => d.toJS() as unknown),
    );
    assert.match(
      (uninjectEdit(parseFile('f', fileText), 1) as { error: string }).error,
      /no injected sidecar/,
    );
  });
});

describe('enableInjectionEdit', () => {
  const label = (text: string, path: string[]) => {
    let v: unknown = parse(text);
    for (const p of path) v = (v as Record<string, unknown>)[p];
    return v;
  };
  it('adds the label line under existing labels, with their indentation', () => {
    const r = enableInjectionEdit(parseFile('f', hello), 0);
    const out = apply(hello, r);
    assert.equal(label(out, ['spec', 'template', 'metadata', 'labels', 'sidecar.istio.io/inject']), 'true');
    assert.equal(out.length - hello.length, '        sidecar.istio.io/inject: "true"\n'.length);
  });
  it('flips an existing false label in place', () => {
    const text = hello.replace(
      '        track: stable\n    spec:',
      '        track: stable\n        sidecar.istio.io/inject: "false"\n    spec:',
    );
    const out = apply(text, enableInjectionEdit(parseFile('f', text), 0));
    assert.equal(out, text.replace('inject: "false"', 'inject: "true"'));
  });
  it('adds labels to a pod that has none', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n';
    const out = apply(pod, enableInjectionEdit(parseFile('f', pod), 0));
    assert.equal(
      out,
      pod.replace('  name: p\n', '  name: p\n  labels:\n    sidecar.istio.io/inject: "true"\n'),
    );
  });
  it('handles flow-style metadata', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n';
    const out = apply(pod, enableInjectionEdit(parseFile('f', pod), 0));
    assert.equal(label(out, ['metadata', 'labels', 'sidecar.istio.io/inject']), 'true');
    assert.equal(label(out, ['metadata', 'name']), 'p');
  });
  it('says when injection is already enabled', () => {
    const text = hello.replace(
      '        track: stable\n    spec:',
      '        track: stable\n        sidecar.istio.io/inject: "true"\n    spec:',
    );
    assert.match(
      (enableInjectionEdit(parseFile('f', text), 0) as { error: string }).error,
      /already enabled/,
    );
  });
});

describe('describeInjection', () => {
  const deploy = (ns: string, podLabels = '', extraSpec = '') =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: ${ns}\nspec:\n  template:\n    metadata:\n      labels:\n        app: d\n${podLabels}    spec:\n${extraSpec}      containers:\n      - name: c\n        image: i\n`;
  const nss: NamespaceLabels = {
    inj: { 'istio-injection': 'enabled' },
    rev: { 'istio.io/rev': 'canary' },
    noinj: { 'istio-injection': 'disabled' },
    amb: { 'istio.io/dataplane-mode': 'ambient' },
    plain: {},
  };
  const cases: { name: string; text: string; inject: boolean; verdict: string; reason: RegExp }[] = [
    {
      name: 'namespace label',
      text: deploy('inj'),
      inject: true,
      verdict: 'namespace-label',
      reason: /namespace inj has istio-injection=enabled/,
    },
    {
      name: 'namespace revision',
      text: deploy('rev'),
      inject: true,
      verdict: 'namespace-revision',
      reason: /revision canary/,
    },
    {
      name: 'pod label',
      text: deploy('plain', '        sidecar.istio.io/inject: "true"\n'),
      inject: true,
      verdict: 'pod-label',
      reason: /pod label/,
    },
    {
      name: 'pod revision',
      text: deploy('plain', '        istio.io/rev: stable\n'),
      inject: true,
      verdict: 'pod-revision',
      reason: /revision stable/,
    },
    {
      name: 'pod opt-out wins',
      text: deploy('inj', '        sidecar.istio.io/inject: "false"\n'),
      inject: false,
      verdict: 'disabled-pod',
      reason: /=false/,
    },
    {
      name: 'namespace disabled',
      text: deploy('noinj', '        sidecar.istio.io/inject: "true"\n'),
      inject: false,
      verdict: 'disabled-namespace',
      reason: /disabled/,
    },
    { name: 'ambient', text: deploy('amb'), inject: false, verdict: 'ambient', reason: /Ambient/ },
    {
      name: 'host network',
      text: deploy('inj', '', '      hostNetwork: true\n'),
      inject: false,
      verdict: 'host-network',
      reason: /host networking/,
    },
    {
      name: 'namespace not in workspace',
      text: deploy('elsewhere'),
      inject: false,
      verdict: 'no-selector',
      reason: /not found in the workspace/,
    },
    {
      name: 'namespace without label',
      text: deploy('plain'),
      inject: false,
      verdict: 'no-selector',
      reason: /has no injection label/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = describeInjection(parseFile('f', c.text), 0, nss);
      assert.equal(s.willInject, c.inject);
      assert.equal(s.verdict, c.verdict);
      assert.match(s.reason, c.reason);
    });
  }
  it('already injected', () => {
    const out = inject(['-f', 'hello.yaml']).stdout;
    assert.equal(describeInjection(parseFile('f', out), 0).verdict, 'already-injected');
  });
});
