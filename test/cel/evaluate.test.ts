// How rules are applied: per list item and map value, only where the node exists, after defaulting,
// with message/messageExpression/reason/fieldPath honoured, transition rules skipped; and where the
// diagnostic lands in a real document.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isNode, isPair, parseDocument } from 'yaml';
import { SchemaViews, type RawSchema } from '../../server/src/engine/cel/schema-view';
import { evaluateCel, type CelStats } from '../../server/src/engine/cel/evaluate';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

function run(schema: RawSchema, yaml: string, stats?: CelStats) {
  const views = new SchemaViews({
    resolve: (ref) => (ref === '#port' ? { raw: PORT, file: 'f' } : undefined),
  });
  const doc = parseDocument(yaml);
  assert.ok(doc.contents, 'the document has contents');
  return evaluateCel(views.view(schema, 'f'), doc.contents, doc, stats).map((v) => {
    // A violation on a map entry lands on its key.
    const node = isPair(v.at) ? v.at.key : v.at;
    const range = isNode(node) ? node.range : undefined;
    return { path: v.path, message: v.message, at: yaml.slice(range?.[0], range?.[1]) };
  });
}

const PORT: RawSchema = {
  type: 'integer',
  'x-kubernetes-validations': [
    { rule: 'self >= 1 && self <= 65535', message: 'port must be between 1-65535' },
  ],
};

const cases: {
  name: string;
  schema: RawSchema;
  yaml: string;
  want: { path: string; message: RegExp; at?: string }[];
}[] = [
  {
    name: 'a rule on list items runs per item, reported on the item',
    schema: { type: 'object', properties: { ports: { type: 'array', items: { $ref: '#port' } } } },
    yaml: 'ports: [80, 0, 70000]\n',
    want: [
      { path: 'ports[1]', message: /between 1-65535/, at: '0' },
      { path: 'ports[2]', message: /between/, at: '70000' },
    ],
  },
  {
    name: 'a rule on map values runs per value, reported on the key',
    schema: {
      type: 'object',
      properties: { m: { type: 'object', additionalProperties: { $ref: '#port' } } },
    },
    yaml: 'm:\n  http: 80\n  bad: 0\n',
    want: [{ path: 'm.bad', message: /between/, at: 'bad' }],
  },
  {
    name: 'absent fields are not evaluated',
    schema: { type: 'object', properties: { p: { $ref: '#port' } } },
    yaml: 'other: 1\n',
    want: [],
  },
  {
    name: 'defaults are applied before the rule runs',
    schema: {
      type: 'object',
      properties: { mode: { type: 'string', default: 'A' }, x: { type: 'string' } },
      'x-kubernetes-validations': [
        { rule: "self.mode == 'A' ? !has(self.x) : true", message: 'x is not allowed in mode A' },
      ],
    },
    yaml: 'x: hello\n',
    want: [{ path: '', message: /x is not allowed in mode A/ }],
  },
  {
    name: 'messageExpression wins over message, reason picks the wording',
    schema: {
      type: 'object',
      'x-kubernetes-validations': [
        {
          rule: 'self.n < 3',
          message: 'static',
          messageExpression: "'n is ' + string(self.n) + ', must be below 3'",
          reason: 'FieldValueForbidden',
        },
      ],
    },
    yaml: 'n: 5\n',
    want: [{ path: '', message: /^Forbidden: n is 5, must be below 3$/ }],
  },
  {
    name: 'fieldPath moves the report to the named field',
    schema: {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          'x-kubernetes-validations': [
            { rule: 'self.min <= self.max', message: 'min above max', fieldPath: '.min' },
          ],
        },
      },
    },
    yaml: 'spec:\n  max: 1\n  min: 2\n',
    want: [{ path: 'spec.min', message: /min above max/, at: 'min' }],
  },
  {
    name: 'integers are CEL ints, numbers doubles',
    schema: {
      type: 'object',
      properties: { i: { type: 'integer' }, d: { type: 'number' } },
      'x-kubernetes-validations': [
        { rule: 'type(self.i) == int && type(self.d) == double', message: 'types' },
      ],
    },
    yaml: 'i: 3\nd: 3\n',
    want: [],
  },
  {
    name: 'an evaluation error rejects, worded as the API server does',
    schema: {
      type: 'object',
      'x-kubernetes-validations': [{ rule: "self.value != ''", message: 'value must be set' }],
    },
    yaml: 'operation: UPSERT\n',
    want: [{ path: '', message: /^no such key: value evaluating rule: value must be set$/ }],
  },
  {
    name: 'a value of the wrong type is left to the structural check',
    schema: { type: 'object', properties: { p: { $ref: '#port' } } },
    yaml: 'p: http\n',
    want: [],
  },
  {
    name: 'transition rules are skipped',
    schema: {
      type: 'object',
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'immutable' }],
    },
    yaml: 'a: 1\n',
    want: [],
  },
];

describe('CEL evaluation over a document', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = run(c.schema, c.yaml);
      assert.equal(got.length, c.want.length, JSON.stringify(got));
      c.want.forEach((w, i) => {
        assert.equal(got[i].path, w.path);
        assert.match(got[i].message, w.message);
        if (w.at) assert.equal(got[i].at, w.at);
      });
    });
  }
});

describe('cel-validation in the pipeline', () => {
  it('reports on the offending key of a real Istio resource', () => {
    const text =
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: pa\nspec:\n  selector:\n    matchLabels: {app: a}\n  portLevelMtls:\n    70000:\n      mode: STRICT\n';
    const file = parseFile('file:///pa.yaml', text);
    const d = checkFile(file, testEnv()).filter((x) => x.code === 'cel-validation');
    assert.equal(d.length, 1, JSON.stringify(d.map((x) => x.message)));
    assert.equal(d[0].message, 'spec.portLevelMtls: port must be between 1-65535');
    assert.equal(
      text.slice(file.lines.offsetAt(d[0].range.start), file.lines.offsetAt(d[0].range.end)),
      'portLevelMtls',
    );
    assert.match(String(d[0].data?.rule), /65535/);
  });
  it("a value Istio's webhook rejects too is one error, IST0106's, with Istio's message", () => {
    const text =
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: se\nspec:\n  hosts: [example.com]\n  ports:\n  - name: http\n    number: 70000\n    protocol: HTTP\n';
    const file = parseFile('file:///se.yaml', text);
    const d = checkFile(file, testEnv()).filter((x) => x.severity === Severity.Error);
    assert.deepEqual(
      d.map((x) => [
        x.code,
        x.message,
        text.slice(file.lines.offsetAt(x.range.start), file.lines.offsetAt(x.range.end)),
      ]),
      [['IST0106', 'Schema validation error: port number 70000 must be in the range 1..65535', '70000']],
    );
    // A rule on a whole map (an AuthorizationPolicy source) that Istio's message restates ('cannot set
    // serviceAccounts with namespaces or principals') is IST0106's too; without the webhook's finding
    // (IST0106 switched off) the CRD's rule stands.
    const authz =
      'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: a\nspec:\n  rules:\n  - from:\n    - source:\n        serviceAccounts: [ns/sa]\n        principals: [p]\n';
    const errors = (disabledCodes: string[]) =>
      checkFile(parseFile('file:///a.yaml', authz), testEnv({ disabledCodes }))
        .filter((x) => x.severity === Severity.Error)
        .map((x) => `${x.code} ${x.message}`);
    assert.deepEqual(errors([]), [
      'IST0106 Schema validation error: invalid policy a.default: cannot set serviceAccounts with namespaces or principals, found at rule 0',
    ]);
    assert.deepEqual(errors(['IST0106']), [
      'cel-validation spec.rules[0].from[0].source: Cannot set serviceAccounts with namespaces or principals',
    ]);
  });
  it('Gateway API rules with schema defaults (HTTPRoute ReplacePrefixMatch needs a PathPrefix match)', () => {
    const route = (pathType: string) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n  - matches:\n    - path:\n${pathType ? `        type: ${pathType}\n` : ''}        value: /a\n    filters:\n    - type: URLRewrite\n      urlRewrite:\n        path:\n          type: ReplacePrefixMatch\n          replacePrefixMatch: /b\n`;
    const cel = (t: string) =>
      checkFile(parseFile('file:///r.yaml', route(t)), testEnv()).filter((x) => x.code === 'cel-validation');
    assert.deepEqual(cel('PathPrefix'), []);
    const bad = cel('Exact')[0];
    assert.match(bad?.message ?? '', /replacePrefixMatch, exactly one PathPrefix match must be specified/);
    // A rule on a whole list item (spec.rules[0]) squiggles the item's first line only.
    assert.deepEqual([bad.range.start.line, bad.range.end.line], [6, 6]);
    // The path match type defaults to PathPrefix: the API server defaults before it validates.
    assert.deepEqual(cel(''), []);
  });
});
