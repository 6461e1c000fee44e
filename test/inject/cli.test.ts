// `istio-lens inject` / `uninject` as a command: options, input/output, messages, exit codes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { inject, readCaseFile, uninject } from './goldenCases';

const hello = readCaseFile('hello.yaml');
const service =
  '# a comment kept as is\napiVersion: v1\nkind: Service\nmetadata:\n  name: hello   # trailing\nspec:\n  ports: [{port: 80}]\n';

describe('istio-lens inject', () => {
  const usage: { name: string; argv: string[]; code: number; msg: RegExp }[] = [
    { name: 'missing -f', argv: [], code: 2, msg: /missing -f FILE/ },
    { name: 'unknown option', argv: ['-f', 'x.yaml', '--bogus'], code: 2, msg: /unknown option --bogus/ },
    { name: 'option without value', argv: ['-f'], code: 2, msg: /-f needs a value/ },
    {
      name: 'bad --native-sidecars',
      argv: ['-f', 'hello.yaml', '--native-sidecars', 'maybe'],
      code: 2,
      msg: /auto, true or false/,
    },
    {
      name: 'unreadable file',
      argv: ['-f', 'does-not-exist.yaml'],
      code: 2,
      msg: /cannot read does-not-exist.yaml/,
    },
    {
      name: 'bad --set',
      argv: ['-f', 'hello.yaml', '--set', 'values.global'],
      code: 2,
      msg: /expected PATH=VALUE/,
    },
    {
      name: 'unknown template',
      argv: ['-f', 'custom-template.yaml'],
      code: 1,
      msg: /requested template "custom" not found/,
    },
  ];
  for (const u of usage) {
    it(`${u.name}: exit ${u.code}`, () => {
      const r = inject(u.argv);
      assert.equal(r.code, u.code);
      assert.match(r.stderr, u.msg);
      assert.equal(r.stdout, '');
    });
  }
  it('--help prints usage', () => {
    const r = inject(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: istio-lens inject/);
  });
  it('reads stdin with -f - and writes -o FILE', () => {
    const files: Record<string, string> = { '-': hello };
    const r = inject(['-f', '-', '-o', 'out.yaml'], files);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(files['out.yaml'], /name: istio-proxy/);
  });
  it('passes other documents through byte for byte, in order', () => {
    const r = inject(['-f', 'in.yaml'], { 'in.yaml': `${service}---\n${hello}---\n${service}` });
    assert.equal(r.code, 0, r.stderr);
    const parts = r.stdout.split(/^---\n/m);
    assert.equal(parts.length, 3);
    assert.equal(parts[0], service);
    assert.equal(parts[2], service);
    assert.match(parts[1], /sidecar\.istio\.io\/status/);
  });
  it('an invalid annotation stops everything and names the annotation', () => {
    const bad = hello.replace(
      'labels:\n        app: hello',
      'annotations:\n        traffic.sidecar.istio.io/includeInboundPorts: "70000"\n      labels:\n        app: hello',
    );
    const r = inject(['-f', 'in.yaml'], { 'in.yaml': `${service}---\n${bad}` });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /document 2: .*traffic\.sidecar\.istio\.io\/includeInboundPorts/);
  });
  it('warns about skipped workloads', () => {
    const r = inject(['-f', 'hello-host-network.yaml']);
    assert.equal(r.code, 0);
    assert.match(
      r.stderr,
      /Skipping injection because Deployment "hello-host-network" has host networking enabled/,
    );
  });
  it('broken YAML is an error, not a crash', () => {
    const r = inject(['-f', 'in.yaml'], { 'in.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec: [\n' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not valid YAML/);
  });
  it("uses a cluster's injector ConfigMap", () => {
    const r = inject([
      '-f',
      'hello.yaml',
      '--injection-config',
      '../reference-render/pilot_default.configmaps.golden.yaml',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /image: registry\.istio\.io\/release\/proxyv2:1\.1\.4/);
  });
  it('--values takes the injector values exported from a cluster', () => {
    const values = JSON.stringify({
      global: {
        hub: 'example.com/mesh',
        tag: '9.9',
        proxy: { image: 'proxyv2', resources: {} },
        proxy_init: { image: 'proxyv2' },
      },
    });
    const r = inject(['-f', 'hello.yaml', '--values', 'values.json'], { 'values.json': values });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /image: example\.com\/mesh\/proxyv2:9\.9/);
  });
  it('--mesh-config takes a mesh ConfigMap', () => {
    const meshCm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\ndata:\n  mesh: |-\n    trustDomain: example.org\n    defaultConfig:\n      holdApplicationUntilProxyStarts: true\n';
    const r = inject(['-f', 'hello.yaml', '--mesh-config', 'mesh.yaml', '--native-sidecars', 'false'], {
      'mesh.yaml': meshCm,
    });
    assert.equal(r.code, 0, r.stderr);
    const spec = (
      parse(r.stdout) as {
        spec: {
          template: { spec: { containers: { name: string; env: { name: string; value?: string }[] }[] } };
        };
      }
    ).spec.template.spec;
    assert.equal(
      spec.containers[0].name,
      'istio-proxy',
      'holdApplicationUntilProxyStarts puts the proxy first',
    );
    assert.equal(spec.containers[0].env.find((e) => e.name === 'TRUST_DOMAIN')?.value, 'example.org');
  });
  it('reads COMPLIANCE_POLICY from the environment, as istioctl does', () => {
    const env = (r: { stdout: string }) =>
      (
        parse(r.stdout.split('\n---\n')[0]) as {
          spec: {
            template: {
              spec: { initContainers: { name: string; env: { name: string; value: string }[] }[] };
            };
          };
        }
      ).spec.template.spec.initContainers
        .find((c) => c.name === 'istio-proxy')!
        .env.filter((e) => ['COMPLIANCE_POLICY', 'GODEBUG'].includes(e.name));
    assert.deepEqual(env(inject(['-f', 'hello.yaml'])), []);
    assert.deepEqual(env(inject(['-f', 'hello.yaml'], undefined, { COMPLIANCE_POLICY: 'fips-140-3' })), [
      { name: 'COMPLIANCE_POLICY', value: 'fips-140-3' },
      { name: 'GODEBUG', value: 'fips140=only' },
    ]);
  });

  it('--native-sidecars false puts istio-proxy in containers', () => {
    const r = inject(['-f', 'hello.yaml', '--native-sidecars', 'false']);
    const spec = (
      parse(r.stdout) as {
        spec: { template: { spec: { containers: { name: string }[]; initContainers: { name: string }[] } } };
      }
    ).spec.template.spec;
    assert.deepEqual(
      spec.containers.map((c) => c.name),
      ['hello', 'istio-proxy'],
    );
    assert.deepEqual(
      spec.initContainers.map((c) => c.name),
      ['istio-init'],
    );
  });
});

describe('istio-lens uninject', () => {
  it('rejects injection settings', () => {
    const r = uninject(['-f', 'hello.yaml', '--set', 'a=b']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option --set/);
  });
  it('leaves a never-injected file unchanged', () => {
    const r = uninject(['-f', 'in.yaml'], { 'in.yaml': service });
    assert.equal(r.stdout, service);
  });
});
