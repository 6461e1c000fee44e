// IncrementalAnalysis must always equal a full analyzeWorkspace, while re-running only the analyzers
// that read what changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, IncrementalAnalysis } from '../../server/src/engine/analysis';
import { ALL_ANALYZERS } from '../../server/src/engine/analyzers';
import { istioData } from '../helpers/paths';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';

const dir = path.join(istioData, 'analysis', 'testdata');
const names = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const text = new Map(names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]));
const parse = (n: string): ParsedFile => parseFile('file:///' + n, text.get(n)!);
const canon = (m: Map<string, unknown[]>) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)));
const inAll = ALL_ANALYZERS.filter((a) => a.meta.inAll).length;

test('incremental analysis equals full analysis through a sequence of edits', () => {
  let files = names.slice(0, 40).map(parse);
  const inc = new IncrementalAnalysis({ analyzers: IN_ALL_ANALYZERS });
  const first = inc.run(files);
  assert.equal(first.rerun, inAll, 'the first run runs every analyzer');
  assert.equal(canon(first.byUri), canon(analyzeWorkspace(files, { analyzers: IN_ALL_ANALYZERS })));
  assert.equal(inc.run(files).rerun, 0, 'nothing changed: nothing re-runs');

  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let partial = 0;
  for (let step = 0; step < 25; step++) {
    const op = rand(3);
    if (op === 0 && files.length > 5)
      files.splice(rand(files.length), 1); // delete a file
    else if (op === 1)
      files.push(parse(names[40 + rand(names.length - 40)])); // add one
    else {
      const i = rand(files.length);
      files[i] = parse(names.find((n) => 'file:///' + n === files[i].uri)!);
    } // re-parse (an edit)
    files = [...new Map(files.map((f) => [f.uri, f])).values()];
    const r = inc.run(files);
    if (r.rerun < inAll) partial++;
    assert.equal(
      canon(r.byUri),
      canon(analyzeWorkspace(files, { analyzers: IN_ALL_ANALYZERS })),
      `step ${step}`,
    );
  }
  assert.ok(partial > 10, `most edits re-run only some analyzers (${partial}/25)`);
});

test('editing a Service re-runs the analyzers that read Services, not the Telemetry ones', () => {
  const svc =
    'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: x}\nspec: {ports: [{port: 80, name: foo}]}\n';
  const files = [parseFile('file:///svc.yaml', svc), parse(names.find((n) => n.startsWith('telemetry'))!)];
  const inc = new IncrementalAnalysis({ analyzers: IN_ALL_ANALYZERS });
  inc.run(files);
  const edited = [parseFile('file:///svc.yaml', svc.replace('name: foo', 'name: http-foo')), files[1]];
  const r = inc.run(edited);
  assert.ok(r.rerun > 0 && r.rerun < inAll, `re-ran ${r.rerun} of ${inAll}`);
  assert.equal(canon(r.byUri), canon(analyzeWorkspace(edited, { analyzers: IN_ALL_ANALYZERS })));
});

test('moving a resource of any kind to another namespace re-runs what reads the namespaces in use', () => {
  // auth.AuthorizationPoliciesAnalyzer reports a source namespace no manifest or resource uses (IST0101):
  // a ConfigMap, a kind it never reads, moving into that namespace must clear the finding.
  const policy =
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: x}\n' +
    'spec: {rules: [{from: [{source: {namespaces: [payments]}}]}]}\n---\n' +
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n';
  const cm = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ${ns}}\n`;
  const codes = (m: Map<string, { code?: unknown }[]>) => [...m.values()].flat().map((d) => d.code);
  const before = [parseFile('file:///p.yaml', policy), parseFile('file:///cm.yaml', cm('payment'))];
  const inc = new IncrementalAnalysis({ analyzers: IN_ALL_ANALYZERS });
  assert.ok(codes(inc.run(before).byUri).includes('IST0101'), 'payments is used by nothing');
  const after = [before[0], parseFile('file:///cm.yaml', cm('payments'))];
  const r = inc.run(after);
  assert.ok(!codes(r.byUri).includes('IST0101'), 'the ConfigMap now uses payments');
  assert.equal(canon(r.byUri), canon(analyzeWorkspace(after, { analyzers: IN_ALL_ANALYZERS })));
});

test("an edit in one document of a big file keeps the other documents' resources and moves their ranges", async () => {
  const { fileContribution } = await import('../../server/src/engine/analysis');
  const doc = (i: number) =>
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs${i}, namespace: x}\nspec:\n  hosts: [h${i}]\n  gateways: [missing-gw]\n`;
  const text = Array.from({ length: 30 }, (_, i) => doc(i)).join('---\n');
  const v1 = parseFile('file:///big.yaml', text, 1);
  const before = fileContribution(v1);
  const edited = text.replace('hosts: [h3]', 'hosts:\n  - h3\n  - extra');
  const v2 = parseFile('file:///big.yaml', edited, 2, v1);
  const after = fileContribution(v2);
  assert.equal(after.length, 30);
  assert.equal(after[29], before[29], 'an untouched document keeps its Resource');
  assert.notEqual(after[3], before[3], 'the edited document gets a new one');
  const inc = new IncrementalAnalysis({ analyzers: IN_ALL_ANALYZERS });
  const got = inc
    .run([v2])
    .byUri.get('file:///big.yaml')!
    .filter((d) => d.code === 'IST0101');
  const want = analyzeWorkspace([parseFile('file:///big.yaml', edited)], { analyzers: IN_ALL_ANALYZERS })
    .get('file:///big.yaml')!
    .filter((d) => d.code === 'IST0101');
  assert.deepEqual(
    got.map((d) => d.range),
    want.map((d) => d.range),
    'ranges match a fresh parse',
  );
});

test('editing a kustomization re-renders what it lists: equal to a full analysis', () => {
  const svc = parseFile(
    'file:///ws/svc.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: carts\n  namespace: shop\nspec:\n  ports:\n  - {name: http, port: 80}\n',
  );
  const vs = parseFile(
    'file:///ws/app/vs.yaml',
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: web\nspec:\n  hosts: [web.example.com]\n  http:\n  - route:\n    - destination:\n        host: carts.shop.svc.cluster.local\n        port: {number: 80}\n',
  );
  const kust = (extra: string) =>
    parseFile('file:///ws/app/kustomization.yaml', `resources:\n- vs.yaml\nnamespace: shop\n${extra}`);
  const opts = { analyzers: IN_ALL_ANALYZERS };
  const inc = new IncrementalAnalysis(opts);
  let files = [kust(''), vs, svc];
  const first = inc.run(files);
  assert.equal(canon(first.byUri), canon(analyzeWorkspace(files, opts)));
  // Only the kustomization changes (a label on everything it lists): the rendering changes with it.
  files = [kust('commonLabels: {team: a}\n'), vs, svc];
  const r = inc.run(files);
  assert.equal(r.rerun, inAll, 'a changed kustomization re-runs every analyzer');
  assert.equal(canon(r.byUri), canon(analyzeWorkspace(files, opts)));
});

test("editing a replacement's source or replacements file changes another file's resource: re-run", () => {
  const ws = (host: string, value: string) => [
    parseFile(
      'file:///ws/kustomization.yaml',
      'resources:\n- gw.yaml\n- cm.yaml\nreplacements:\n- path: r.yaml\n',
    ),
    parseFile(
      'file:///ws/r.yaml',
      `- source: {kind: ConfigMap, name: params, fieldPath: data.${value}}\n  targets:\n  - select: {kind: VirtualService}\n    fieldPaths: [spec.hosts.0]\n`,
    ),
    parseFile(
      'file:///ws/cm.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: params, namespace: x}\ndata: {HOST: ${host}, OTHER: a.example.org}\n`,
    ),
    parseFile(
      'file:///ws/gw.yaml',
      'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: x}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*.example.com"]\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: x}\nspec:\n  hosts: [PLACEHOLDER]\n  gateways: [gw]\n  http:\n  - route:\n    - destination: {host: web}\n',
    ),
  ];
  const opts = { analyzers: IN_ALL_ANALYZERS };
  const inc = new IncrementalAnalysis(opts);
  const ist0132 = (m: Map<string, { code?: unknown }[]>) =>
    [...m.values()].flat().filter((d) => d.code === 'IST0132').length;
  let files = ws('web.example.com', 'HOST');
  assert.equal(ist0132(inc.run(files).byUri), 0);
  // Only the ConfigMap changes; the VirtualService's rendered host changes with it.
  files = [files[0], files[1], ws('web.example.org', 'HOST')[2], files[3]];
  let r = inc.run(files);
  assert.equal(ist0132(r.byUri), 1);
  assert.equal(canon(r.byUri), canon(analyzeWorkspace(files, opts)));
  // Only the replacements file changes (no resource in it).
  files = [files[0], ws('web.example.org', 'OTHER')[1], files[2], files[3]];
  r = inc.run(files);
  assert.equal(canon(r.byUri), canon(analyzeWorkspace(files, opts)));
  assert.equal(ist0132(r.byUri), 1);
});

test('edits in place re-run only what the edited document reads, and move the kept findings', () => {
  // One file of Services and VirtualServices (with findings), edited through the incremental parser.
  const vs = (i: number) =>
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs${i}, namespace: x}\nspec:\n  hosts: [h${i}]\n  gateways: [missing-gw]\n`;
  const svc = (i: number) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: x}\nspec:\n  ports:\n  - port: 80\n    name: foo${i}\n`;
  const gw = `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: x}\nspec:\n  selector: {istio: ingressgateway}\n`;
  let text = [gw, ...Array.from({ length: 12 }, (_, i) => (i % 2 ? vs(i) : svc(i)))].join('---\n');
  let file = parseFile('file:///big.yaml', text, 1);
  const opts = { analyzers: IN_ALL_ANALYZERS };
  const inc = new IncrementalAnalysis(opts);
  inc.run([file]);
  const edits: [string, string][] = [
    ['name: foo0', 'name: foo0\n    targetPort: 8080'], // a Service grows by a line: everything below moves
    ['name: s2, ', 'name: s2x, '],
    ['hosts: [h1]', 'hosts:\n  - h1\n  - h1b'], // a VirtualService: the Services' findings move
    ['name: foo4', 'name: http-foo4'],
  ];
  let partial = 0;
  for (const [from, to] of edits) {
    text = text.replace(from, to);
    file = parseFile('file:///big.yaml', text, file.version + 1, file);
    const r = inc.run([file]);
    if (r.rerun < inAll) partial++;
    const full = analyzeWorkspace([parseFile('file:///big.yaml', text)], opts);
    const codes = new Set(full.get('file:///big.yaml')!.map((d) => d.code));
    assert.ok(
      codes.has('IST0101') && codes.has('IST0118'),
      `VirtualService and Service findings: ${[...codes].join(' ')}`,
    );
    assert.equal(canon(r.byUri), canon(full), `after ${to}`);
  }
  assert.equal(partial, edits.length, 'each edit re-runs only the analyzers of the edited kind');
});

test('editing an Argo CD Application, a Canary or its target equals a full analysis', () => {
  const opts = { analyzers: IN_ALL_ANALYZERS, assumeComplete: true };
  const app = (ns: string) =>
    parseFile(
      'file:///ws/clusters/prod/app.yaml',
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a, namespace: argocd}\nspec:\n  source: {repoURL: x, path: apps/shop}\n  destination: {namespace: ${ns}}\n`,
    );
  const vs = parseFile(
    'file:///ws/apps/shop/vs.yaml',
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\nspec:\n  hosts: [web.example.com]\n  http:\n  - route:\n    - destination:\n        host: podinfo-primary.shop.svc.cluster.local\n        port: {number: 9999}\n',
  );
  const canary = (port: number) =>
    parseFile(
      'file:///ws/apps/shop/canary.yaml',
      `apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: {name: podinfo}\nspec:\n  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}\n  service: {port: ${port}, portDiscovery: true}\n`,
    );
  const dep = (port: number) =>
    parseFile(
      'file:///ws/apps/shop/dep.yaml',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: podinfo}\nspec:\n  selector: {matchLabels: {app: podinfo}}\n  template:\n    metadata: {labels: {app: podinfo}}\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports: [{name: grpc, containerPort: ${port}}]\n`,
    );
  const hostFindings = (m: Map<string, { code?: unknown }[]>) =>
    (m.get('file:///ws/apps/shop/vs.yaml') ?? []).filter((d) => d.code === 'IST0101').length;
  const inc = new IncrementalAnalysis(opts);
  // One parse per version of a file: an unchanged file is the same parse, as the editor hands it in.
  const [shop, canary9898, canary9999, dep9000] = [app('shop'), canary(9898), canary(9999), dep(9000)];
  const steps = [
    [shop, vs, canary9898, dep(9999)], // the discovered port is routed to
    [shop, vs, canary9898, dep9000], // the target's port changes: the Service's with it
    [shop, vs, canary9999, dep9000], // the Canary's port changes
    [app('other'), vs, canary9999, dep9000], // the Application moves everything
  ];
  const found = steps.map((files, i) => {
    const r = inc.run(files);
    const full = analyzeWorkspace(files, opts);
    assert.equal(canon(r.byUri), canon(full), `step ${i}`);
    return hostFindings(full);
  });
  assert.deepEqual(found, [0, 1, 0, 1]);
});

test("editing the workspace's IstioOperator re-runs what reads the mesh config: equal to a full analysis", () => {
  const opts = { analyzers: IN_ALL_ANALYZERS };
  const iop = (capture: string) =>
    parseFile(
      'file:///iop.yaml',
      `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig:\n    defaultConfig:\n      proxyMetadata: {ISTIO_META_DNS_CAPTURE: "${capture}", ISTIO_META_DNS_AUTO_ALLOCATE: "true"}\n`,
    );
  const se = parseFile(
    'file:///se.yaml',
    'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: db, namespace: shop}\nspec:\n  hosts: [db.example.com]\n  ports: [{name: tcp, number: 5432, protocol: TCP}]\n  resolution: DNS\n',
  );
  const inc = new IncrementalAnalysis(opts);
  const addressFindings = (m: Map<string, { code?: unknown }[]>) =>
    (m.get('file:///se.yaml') ?? []).filter((d) => d.code === 'IST0134').length;
  const found = [[iop('true'), se], [iop('false'), se], [se]].map((files, i) => {
    const r = inc.run(files);
    const full = analyzeWorkspace(files, opts);
    assert.equal(canon(r.byUri), canon(full), `step ${i}`);
    return addressFindings(full);
  });
  // Without the IstioOperator the mesh config is unknown: auto-allocation may be on.
  assert.deepEqual(found, [0, 1, 0]);
});
