// The `istio-lens check` contract: formats, exit codes, directory walking.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../server/src/cli/main';
import { processIO, type CliIO } from '../../server/src/cli/io';
import { repoRoot } from '../helpers/paths';

function run(args: string[], stdin = ''): { code: number; out: string; err: string } {
  let out = '',
    err = '';
  const io: CliIO = {
    ...processIO,
    stdin: () => stdin,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  };
  return { code: main(args, io), out, err };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-cli-'));
const good = path.join(tmp, 'ok.yaml');
const bad = path.join(tmp, 'sub', 'bad.yml');
fs.mkdirSync(path.dirname(bad));
fs.mkdirSync(path.join(tmp, 'node_modules'));
fs.writeFileSync(good, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: prod\n');
fs.writeFileSync(bad, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  a: "1"\n  a: "2"\n');
fs.writeFileSync(path.join(tmp, 'node_modules', 'x.yaml'), 'apiVersion: v1\nkind: ConfigMap\na: 1\na: 2\n');
fs.writeFileSync(path.join(tmp, 'notes.txt'), 'a: 1\na: 2\n');

describe('istio-lens check', () => {
  it('exits 0 on a clean file', () => {
    const r = run(['check', good]);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
  });

  it('prints file:line:col: severity code message and exits 1 on errors', () => {
    const r = run(['check', tmp]);
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      `${bad}:7:3: error duplicate-key Duplicate key \`a\` in this mapping; only the last one takes effect\n`,
    );
    assert.match(r.err, /2 file\(s\) checked: 1 error/);
  });

  it('JSON output has file, 0-based range, severity, code, message, resource, related places', () => {
    const r = run(['check', '--format', 'json', tmp]);
    const arr = JSON.parse(r.out) as { message: string; related: { message: string }[] }[];
    assert.equal(arr.length, 1);
    assert.deepEqual(arr[0], {
      file: bad,
      range: { start: { line: 6, character: 2 }, end: { line: 6, character: 3 } },
      severity: 'error',
      code: 'duplicate-key',
      message: arr[0].message,
      resource: { kind: 'ConfigMap', namespace: null, name: 'bad' },
      related: [
        {
          file: bad,
          range: { start: { line: 5, character: 2 }, end: { line: 5, character: 3 } },
          message: arr[0].related[0]?.message,
        },
      ],
    });
    assert.match(arr[0].related[0].message, /first/i);
  });

  it('SARIF 2.1.0 output', () => {
    const r = run(['check', '--format=sarif', bad]);
    const log = JSON.parse(r.out) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: unknown } }[];
          relatedLocations: {
            id: number;
            physicalLocation: { region: unknown };
            message: { text: string };
          }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const res = log.runs[0].results[0];
    assert.equal(res.ruleId, 'duplicate-key');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.region, {
      startLine: 7,
      startColumn: 3,
      endLine: 7,
      endColumn: 4,
    });
    // the first occurrence of the key
    assert.deepEqual(
      res.relatedLocations.map((l) => [l.id, l.physicalLocation.region]),
      [[0, { startLine: 6, startColumn: 3, endLine: 6, endColumn: 4 }]],
    );
    assert.match(res.relatedLocations[0].message.text, /first/i);
  });

  it('--only filters by code', () => {
    const r = run(['check', '--only', 'IST0101,yaml-syntax', tmp]);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
  });

  it('--only takes Istio analyzer names as well as codes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-cli-only-'));
    const svc = path.join(dir, 'svc.yaml');
    // A port name without a protocol prefix (IST0118), beside a duplicate key (a rule's finding).
    fs.writeFileSync(
      svc,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: prod\n  labels: {a: "1", a: "2"}\nspec:\n  selector: {app: s}\n  ports:\n  - name: foo\n    port: 8080\n',
    );
    const codes = (args: string[]) =>
      (JSON.parse(run(['check', '--format', 'json', ...args, svc]).out) as { code: string }[])
        .map((d) => d.code)
        .sort();
    assert.deepEqual(codes(['--only', 'service.PortNameAnalyzer']), ['IST0118']);
    assert.deepEqual(codes(['--only', 'IST0118']), ['IST0118']);
    assert.deepEqual(codes(['--only', 'duplicate-key,service.PortNameAnalyzer']), [
      'IST0118',
      'duplicate-key',
    ]);
    assert.deepEqual(codes(['--only', 'virtualservice.GatewayAnalyzer']), []);
  });

  it('--help and -h on every command, with the exit codes; --version from package.json', () => {
    for (const args of [
      ['--help'],
      ['-h'],
      ['check', '--help'],
      ['check', '-h'],
      ['inject', '--help'],
      ['uninject', '-h'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.out, /usage: istio-lens/i, args.join(' '));
      assert.match(r.out, /Exit codes: 0 /, args.join(' '));
    }
    assert.match(run(['check', '--help']).out, /service\.PortNameAnalyzer/);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.deepEqual(run(['--version']), { code: 0, out: pkg.version + '\n', err: '' });
  });

  it('exits 2 on usage and I/O errors', () => {
    assert.equal(run(['check']).code, 2);
    assert.equal(run(['check', '--format', 'xml', good]).code, 2);
    assert.equal(run(['check', '--bogus', good]).code, 2);
    const missing = run(['check', path.join(tmp, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read/);
    assert.equal(run(['frobnicate']).code, 2);
  });

  const vs =
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: web\nspec:\n  hosts: [web.example.com]\n  http:\n  - route:\n    - destination:\n        host: reviews\n';
  const svc = (ns: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  namespace: ${ns}\nspec:\n  ports:\n  - {name: http, port: 80}\n`;
  // In prod, a Service a slip away from `reviews`: the reference is provably wrong there.
  const other =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviewz\n  namespace: prod\nspec:\n  ports:\n  - {name: http, port: 80}\n';

  const jsonCodes = (out: string) => (JSON.parse(out) as { code: string }[]).map((d) => d.code);

  it('- reads standard input, reported as <stdin>', () => {
    const r = run(
      ['check', '--format', 'json', '-'],
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "1"\n  k: "2"\n',
    );
    assert.equal(r.code, 1);
    const arr = JSON.parse(r.out) as { file: string; code: string }[];
    assert.deepEqual(
      arr.map((d) => `${d.file} ${d.code}`),
      ['<stdin> duplicate-key'],
    );
  });

  it('standard input is applied as objects: YAML that does not parse, or a document that is none, is an error', () => {
    const located = (text: string) =>
      (
        JSON.parse(run(['check', '--format', 'json', '-'], text).out) as {
          code: string;
          range: { start: { line: number } };
        }[]
      ).map((d) => `${d.range.start.line + 1} ${d.code}`);
    // Without a header to go by, a folder's file like these is left alone; standard input is not.
    assert.deepEqual(located('x: [\n'), ['1 yaml-syntax']);
    const objects = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: prod\n';
    assert.deepEqual(
      located(
        `x: 1\n---\nhello\n---\n- a\n---\n# only a comment\n---\n${objects}---\nkind: Namespace\nname: b\n`,
      ),
      ['1 missing-required', '3 missing-required', '5 missing-required', '15 missing-required'],
    );
    const r = run(['check', '-'], 'x: 1\n');
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /Missing required fields `apiVersion` and `kind`: .*\(apiVersion not set, kind not set\)/,
    );
    assert.deepEqual(located(objects), []);
  });

  it('a file named on the command line has its YAML errors reported, found in a folder it is left alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-cli-named-'));
    const broken = path.join(dir, 'settings.yaml');
    fs.writeFileSync(broken, 'x: [\n');
    fs.writeFileSync(path.join(dir, 'values.yaml'), 'x: 1\n');
    assert.match(run(['check', broken]).out, /settings\.yaml:1:4: error yaml-syntax/);
    assert.equal(run(['check', broken]).code, 1);
    assert.equal(run(['check', path.join(dir, 'values.yaml')]).code, 0);
    const walked = run(['check', dir]);
    assert.equal(walked.out, '');
    assert.equal(walked.code, 0);
  });

  it('-n gives namespace-less manifests their namespace; without it a reference is not judged', () => {
    const text = [vs, svc('bookinfo'), other].join('---\n');
    const codes = (args: string[]) => jsonCodes(run(['check', '--format', 'json', ...args, '-'], text).out);
    assert.deepEqual(codes([]), []);
    assert.deepEqual(codes(['-n', 'prod']), ['IST0101']);
    assert.deepEqual(codes(['--namespace', 'bookinfo']), []);
  });

  it('--assume-complete takes the inputs as the whole cluster (namespace-less means default)', () => {
    const text = [vs, svc('bookinfo')].join('---\n');
    const codes = (args: string[]) => jsonCodes(run(['check', '--format', 'json', ...args, '-'], text).out);
    assert.deepEqual(codes([]), []);
    assert.deepEqual(codes(['--assume-complete']), ['IST0101']);
  });

  it('hints (another definition of an object) are in JSON only, not in the text output or its count', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\n  namespace: prod\n';
    const text = `${cm}---\n${cm}`;
    const json = JSON.parse(run(['check', '--format', 'json', '-'], text).out) as {
      severity: string;
      code: string;
    }[];
    assert.deepEqual(
      json.map((d) => `${d.severity} ${d.code}`),
      ['hint alternative-definition'],
    );
    const r = run(['check', '-'], text);
    assert.equal(r.out, '');
    assert.match(r.err, /0 error\(s\), 0 other finding\(s\)/);
  });

  it("reads a folder's kustomization under each of kustomize's names, `Kustomization` too", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-cli-k-'));
    fs.writeFileSync(path.join(dir, 'Kustomization'), 'resourcs:\n- a.yaml\n');
    fs.writeFileSync(path.join(dir, 'README'), 'resourcs: 1\n');
    const r = run(['check', dir]);
    assert.match(r.out, /Kustomization:1:1: error unknown-field Unknown field `resourcs`/);
    assert.match(r.err, /^1 file\(s\) checked/);
  });

  it('prints nothing beyond its findings: a collection used as a key is a finding, not a yaml warning', async () => {
    // yaml warns through process.emitWarning or console.warn, which would reach the CLI's stderr and the
    // server's log.
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    const consoleWarn = console.warn;
    process.on('warning', listen);
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const text =
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: c\n  namespace: prod\nspec:\n  ports: [{port: 80}]\n  ? [a, b]\n  : x\n';
      const r = run(['check', '-'], text);
      assert.match(r.out, /yaml-syntax invalid map key/); // reported as a finding
      await new Promise((done) => setImmediate(done)); // process.emitWarning reports on the next tick
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', listen);
      console.warn = consoleWarn;
    }
  });
});
