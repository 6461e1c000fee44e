// Kubernetes reads YAML with go-yaml v2 (sigs.k8s.io/yaml); where it and the YAML spec (our parser)
// disagree, go-yaml is the truth. One case per difference found in go-yaml's scanner and resolver.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments, type Tags } from 'yaml';
import { parseFile, PARSE_OPTIONS } from '../../server/src/engine/parse/parseFile';
import { goYamlTags, PLAIN_WORD } from '../../server/src/engine/parse/goyaml';
import { runRules, checkFile } from '../../server/src/engine/check';
import { yamlSyntax } from '../../server/src/engine/rules/yaml-syntax';
import { testEnv } from '../helpers/env';

/** The text each go-yaml finding covers, with the start of its message. */
function findings(yaml: string): string[] {
  const file = parseFile('file:///t.yaml', yaml);
  return file.docs
    .flatMap((doc) => runRules(file, doc, testEnv(), [yamlSyntax]))
    .filter((d) => (d.data as { yamlCode?: string } | undefined)?.yamlCode === 'GO_YAML')
    .map((d) => {
      const text = yaml.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end));
      return `${JSON.stringify(text)} ${d.message.split(' (')[0]}`;
    });
}

const value = (yaml: string): unknown => parseFile('file:///t.yaml', yaml).docs[0].ast.toJS();

const IPV6_IN_FLOW = '"::1" did not find expected node content';
const COLON_BEFORE_END = (v: string) =>
  `"${v}" Kubernetes reads this as the string "${v}", not as a key: go-yaml ends an unquoted value at ':' only when a space follows`;
const TAB = '"\\t" found character that cannot start any token';

/** What go-yaml's scanner refuses, by case: each input with the findings expected on it. */
const SCANNER: Record<string, Record<string, string[]>> = {
  "a flow value cannot start with ':' (IPv6 `::1` in a list)": {
    'a: [::1, "::2", fe80::1]\n': [IPV6_IN_FLOW],
    'a: {x: ::1}\n': [IPV6_IN_FLOW],
  },
  "':' inside a flow value without a space after it is text, as the spec also reads it": {
    'a: [fe80::1, a:b, "http://x", http://y]\nb: {c:d}\n': [],
  },
  "'a:' before ',' or a closing bracket stays the string \"a:\" for go-yaml": {
    'a: [x:, y]\nb: {k:}\n': [COLON_BEFORE_END('x:'), COLON_BEFORE_END('k:')],
  },
  'in block context a tab cannot start a token: blank lines, after "- "': {
    'a: 1\n\t\nb:\n- \tx\n': [TAB, TAB],
  },
  'tabs go-yaml skips: after a key, after a value, in comments, quotes, flow collections': {
    'a:\tb\nc: 1\t\nd: 2 # \tx\ne: "x\ty"\nf: [1,\t2]\n---\t\ng: |\n  \tx\n': [],
  },
  'a %YAML directive other than 1.1 is refused': {
    '%YAML 1.2\n---\na: 1\n': ['"%YAML 1.2" found incompatible YAML document'],
    '%YAML 1.1\n---\na: 1\n': [],
  },
  'a key is a scalar other than null (go-yaml: "invalid map key"; its JSON conversion: "unsupported map key")':
    {
      'a:\n  ? [x, y]\n  : 1\n': ['"[x, y]" invalid map key: a sequence'],
      'a:\n  ? {x: 1}\n  : 1\n': ['"{x: 1}" invalid map key: a mapping'],
      'm: &m {x: 1}\na:\n  *m : 1\n': ['"*m" invalid map key: a mapping'],
      'a:\n  ~: 1\n  null: 2\n': [
        '"~" unsupported map key of type: <nil>',
        '"null" unsupported map key of type: <nil>',
      ],
      'a:\n  : 1\n': ['"" unsupported map key of type: <nil>'],
      // Numbers and booleans become JSON's string keys; a question mark in a value is no key.
      'a:\n  1: x\n  true: y\n  "": z\n  "null": w\nb: http://x?y=1\n': [],
    },
  'anchor and alias names are letters, digits, _ and -': {
    'a: &x.y 1\nb: *x.y\nc: &ok_1-2 3\nd: *ok_1-2\n': [
      '"&x.y" while scanning an anchor: did not find expected alphabetic or numeric character',
      '"*x.y" while scanning an alias: did not find expected alphabetic or numeric character',
    ],
  },
};

describe("go-yaml's scanner", () => {
  for (const [name, inputs] of Object.entries(SCANNER))
    it(name, () => {
      for (const [yaml, want] of Object.entries(inputs)) assert.deepEqual(findings(yaml), want, yaml);
    });
});

describe("go-yaml's resolver", () => {
  it('no base-60 numbers: `1:30` is a string', () => {
    assert.deepEqual(value('a: 1:30\nb: 1:30.5\n'), { a: '1:30', b: '1:30.5' });
  });
  it("integers take Go's prefixes (0o, 0X, 0B) and YAML 1.1's (0x, 0b, leading-zero octal)", () => {
    assert.deepEqual(value('a: 0o17\nb: -0X1F\nc: 0B1_01\nd: 017\ne: 0x1f\nf: 1_000\n'), {
      a: 15,
      b: -31,
      c: 5,
      d: 15,
      e: 31,
      f: 1000,
    });
  });
  it('YAML 1.1 booleans stay booleans', () => {
    assert.deepEqual(value('a: yes\nb: Off\nc: y\n'), { a: true, b: false, c: true });
  });
  it('the plain-word shortcut to the string tag resolves every scalar as the other tags do', () => {
    // Without the shortcut: the tags that decide when it does not match.
    const full = {
      ...PARSE_OPTIONS,
      customTags: (t: Tags) => goYamlTags(t).filter((x) => typeof x === 'string' || x.test !== PLAIN_WORD),
    };
    const resolved = (options: object, scalars: string[]): unknown[] =>
      scalars.map((s) => {
        const doc = parseAllDocuments(`k: ${s}\n${s}: 1\n`, options)[0];
        const js = doc.toJS() as Record<string, unknown>;
        return [typeof js.k, js.k, Object.keys(js)[1]];
      });
    const words = (
      'y Y yes Yes YES n N no NO true True TRUE tRUE false False FALSE on On ON oN ' +
      'off Off OFF null Null NULL nULL yes1 e1 E5 x1f b101 o17 inf nan NaN Infinity a:b web-1 v1.2 tilde~'
    ).split(' ');
    assert.deepEqual(resolved(PARSE_OPTIONS, words), resolved(full, words));
    const plain = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._\-/~+]{0,6}$/);
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 20 }), (scalars) => {
        assert.deepEqual(resolved(PARSE_OPTIONS, scalars), resolved(full, scalars));
      }),
      { numRuns: 300 },
    );
  });
  it('a document with a %YAML 1.2 directive reads with YAML 1.2 (go-yaml refuses it: yaml-syntax)', () => {
    assert.deepEqual(value('%YAML 1.2\n---\na: yes\nb: 0o17\n'), { a: 'yes', b: 15 });
    assert.deepEqual(value('a: yes\n'), { a: true });
  });
  it('a base-60 lookalike is a valid string where a string goes', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    window: 1:30\ndata:\n  t: 1:30\n';
    assert.deepEqual(checkFile(parseFile('file:///t.yaml', text), testEnv()), []);
  });
});

describe('null where the API server requires a value', () => {
  const vs = (http: string): string =>
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\nspec:\n  hosts: [a.b.c${http}`;
  const errors = (text: string): string[] =>
    checkFile(parseFile('file:///t.yaml', text), testEnv())
      .filter((d) => d.code === 'invalid-type')
      .map((d) => d.message);
  it('a null list item of a CRD is rejected (objects and strings)', () => {
    assert.deepEqual(errors(vs(', null]\n  http:\n  -\n  - route:\n    - destination: {host: a}\n')), [
      'spec.hosts[1] must be a string, not null (a null list item is rejected)',
      'spec.http[0] must be a mapping, not null (a null list item is rejected)',
    ]);
  });
  it('a null field of a CRD object is pruned: absent, not an error', () => {
    assert.deepEqual(errors(vs(']\n  tcp: null\n  http:\n  - route:\n    - destination: {host: a}\n')), []);
  });
});

const findingsOf = (file: ReturnType<typeof parseFile>): unknown[] =>
  file.docs.flatMap((doc) => runRules(file, doc, testEnv(), [yamlSyntax]));

describe('go-yaml findings after an incremental re-parse', () => {
  it('follow a reused document to its new offset', () => {
    const second = '---\na: [::1]\n';
    const before = parseFile('file:///t.yaml', 'x: 1\n' + second, 1);
    const reused = before.docs[1].ast;
    findingsOf(before); // computed (and cached) at the old offset
    const edited = 'x: 1\ny: 2\nz: 3\n' + second;
    const after = parseFile('file:///t.yaml', edited, 2, before);
    const spans = after.docs.flatMap((doc) =>
      runRules(after, doc, testEnv(), [yamlSyntax]).map((d) =>
        edited.slice(after.lines.offsetAt(d.range.start), after.lines.offsetAt(d.range.end)),
      ),
    );
    assert.equal(after.docs[1].ast, reused, 'the second document is reused, not re-parsed');
    assert.deepEqual(spans, ['::1']);
  });
});

describe('merge keys (`<<: *anchor`), which go-yaml applies', () => {
  const findings = (text: string): string[] =>
    checkFile(parseFile('file:///t.yaml', text), testEnv()).map((d) => `${d.code} ${d.message}`);
  // yaml resolves a plain `<<` to a symbol: read as a key named "Symbol(<<)", a merge was an unknown
  // field, a label key, and left its keys out of the API server's view and Istio's webhook.
  it('the merged keys are present to the schema, the API server, CEL and the webhook', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  selector:',
      '    matchLabels: &labels {app: web}',
      '  template:',
      '    metadata:',
      '      labels:',
      '        <<: [*labels, {tier: front}]',
      '    spec:',
      '      containers:',
      '      - &ctr',
      '        name: a',
      '        image: nginx',
      '        resources: &res {limits: {cpu: "1"}}',
      '      - <<: *ctr',
      '        name: b',
      '        resources: {<<: *res}',
      '---',
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata: {name: r}',
      'spec:',
      '  rules:',
      '  - matches:',
      '    - path: &path {type: PathPrefix, value: /a}',
      '    - path: {<<: *path, value: /b}',
      '---',
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata: {name: d}',
      'spec:',
      '  host: &host reviews',
      '  subsets:',
      '  - &v1 {name: v1, labels: {version: v1}}',
      '  - {<<: *v1, name: v2}',
      '',
    ].join('\n');
    assert.deepEqual(findings(text), []);
  });
  it('a key neither the map nor its sources write is still missing', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - &c {name: a, image: x}\n  - <<: {name: b}\n';
    assert.deepEqual(findings(text), ['k8s-validation spec.containers[1].image: Required value']);
  });
  it('CEL rules see the merged keys (the path type a merge brings in decides the rule)', () => {
    const text =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules:\n  - matches:\n    - path: &p {type: PathPrefix, value: /a}\n    - path: {<<: *p, value: b}\n';
    assert.deepEqual(findings(text), [
      "cel-validation spec.rules[0].matches[1].path: value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
    ]);
  });
  it('required keys are read as go-yaml merges: nested sources count, an own empty value removes one', () => {
    const pod = (ctr: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - &c {name: a, image: x}\n${ctr}`;
    // A source that itself merges: its image reaches the second container.
    assert.deepEqual(findings(pod('  - &d {<<: *c, name: b}\n  - {<<: *d, name: c}\n')), []);
    // `name:` with nothing overrides the merged name: the container has none.
    assert.deepEqual(findings(pod('  - <<: *c\n    name:\n')), [
      'missing-required Missing required field `name` in spec.containers[1]',
    ]);
  });
  it("a quoted '<<' is an ordinary key", () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {"<<": x}\n`;
    assert.deepEqual(
      findings(text).map((f) => f.split(':')[0]),
      ['k8s-validation metadata.labels'],
    );
  });
});
