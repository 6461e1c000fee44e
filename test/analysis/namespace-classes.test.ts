// One trial per class of namespaces an analyzer cannot tell apart (analysis/namespaceClasses.ts).
// Each case below has namespaces that differ in one way the analyzer can see; grouping them would
// hide or invent a finding, so the result (against the plain definition: every placement tried) and
// the classes are both asserted. And namespaces that differ only in what it never reads share a trial.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, type Analyzer, type AnalysisContext } from '../../server/src/engine/analysis';
import { buildWorkspace } from '../../server/src/engine/analysis/workspace';
import { NamespaceClasses } from '../../server/src/engine/analysis/namespaceClasses';
import { DECIDED_NAMESPACES_TOKEN } from '../../server/src/engine/analysis/context';
import { defaultMeshConfig } from '../../server/src/engine/mesh';
import { authAuthorizationPoliciesAnalyzer } from '../../server/src/engine/analyzers/auth-authorization-policies';
import { sidecarSelectorAnalyzer } from '../../server/src/engine/analyzers/sidecar-selector';
import { telemetrySelectorAnalyzer } from '../../server/src/engine/analyzers/telemetry-selector';

const doc = (kind: string, name: string, ns?: string, rest = '') =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}\n${rest}`;
const manifest = (name: string, labels = '') =>
  doc('Namespace', name, undefined, '').replace(/\n$/, labels ? `\n  labels: {${labels}}\n` : '\n');
const files = (...docs: string[]): ParsedFile[] => [parseFile('file:///ws/all.yaml', docs.join('---\n'))];
/** Namespaces ns-a, ns-b and ns-c, declared alike. */
const abc = [manifest('ns-a'), manifest('ns-b'), manifest('ns-c')];

function counted(name: string, analyze: (ctx: AnalysisContext) => void) {
  const count = { runs: 0 };
  const analyzer: Analyzer = {
    meta: { name, description: name, codes: ['IST0101'], inputs: [], inAll: true },
    analyze(ctx) {
      count.runs++;
      analyze(ctx);
    },
  };
  return { analyzer, count };
}

const found = (fs: ParsedFile[], a: Analyzer) =>
  [...analyzeWorkspace(fs, { analyzers: [a], assumeInstalled: 'none' }).values()]
    .flat()
    .map((d) => d.resource?.name)
    .sort();

/** The classes of the trial namespaces for an analyzer that read `reads`. */
function classes(fs: ParsedFile[], reads: string[], mesh = defaultMeshConfig()): string[][] {
  const ws = buildWorkspace(fs);
  const trials = ws.candidateNamespaces().filter((n) => n !== 'default');
  return new NamespaceClasses(ws, mesh, trials).classes(new Set(reads)).map((c) => [...c]);
}

/** Reports each undecided ConfigMap whose namespace holds no Service: a namespace-blind check of it. */
const noService = () =>
  counted('test.NoService', (ctx) =>
    ctx.eachSubject(ctx.resources('ConfigMap'), (cm) => {
      if (!cm.nsKnown && !ctx.resourcesIn('Service', cm.ns).length) ctx.report('IST0101', cm, ['', '']);
    }),
  );

describe('namespace classes', () => {
  it('namespaces holding only kinds the analyzer never reads share one trial', () => {
    const fs = files(
      ...abc,
      doc('Secret', 's', 'ns-a'),
      doc('Secret', 's', 'ns-c'),
      doc('ConfigMap', 'free'),
    );
    assert.deepEqual(classes(fs, ['ConfigMap', 'Service']), [['ns-a', 'ns-b', 'ns-c']]);
    const { analyzer, count } = noService();
    assert.deepEqual(found(fs, analyzer), ['free']);
    assert.equal(count.runs, 1 + 1, 'the first placement and one trial for the three');
  });

  it('a namespace holding a kind the analyzer reads is tried apart (grouped, the finding would stay)', () => {
    const fs = files(...abc, doc('Service', 'web', 'ns-b'), doc('ConfigMap', 'free'));
    assert.deepEqual(classes(fs, ['ConfigMap', 'Service']), [['ns-a', 'ns-c'], ['ns-b']]);
    assert.deepEqual(found(fs, noService().analyzer), [], 'applied to ns-b, the ConfigMap has a Service');
  });

  it('manifests that differ in what the analyzer reads of them are apart', () => {
    const fs = files(
      manifest('ns-a'),
      manifest('ns-b', 'istio-injection: enabled'),
      manifest('ns-c'),
      doc('Pod', 'p'),
    );
    assert.deepEqual(classes(fs, ['Namespace', 'Pod']), [['ns-a', 'ns-c'], ['ns-b']]);
    assert.deepEqual(classes(fs, ['Pod']), [['ns-a', 'ns-b', 'ns-c']], 'manifests unread: alike');
    const { analyzer } = counted('test.Injected', (ctx) => {
      const injected = new Set(
        ctx
          .resources('Namespace')
          .filter((n) => n.labels['istio-injection'] === 'enabled')
          .map((n) => n.name),
      );
      for (const p of ctx.pods()) if (!injected.has(p.ns)) ctx.report('IST0101', p.resource, ['', '']);
    });
    assert.deepEqual(found(fs, analyzer), [], 'applied to ns-b, the pod is injected');
  });

  it('a namespace named in a string of a kind the analyzer reads is tried apart', () => {
    const target = doc('ConfigMap', 'target', 'z', 'data:\n  ns: ns-b.svc\n');
    const fs = files(...abc, target, doc('Service', 'web'));
    assert.deepEqual(classes(fs, ['ConfigMap', 'Service']), [['ns-a', 'ns-c'], ['ns-b'], ['z']]);
    // Unread, the ConfigMap names nothing and z holds nothing: all alike.
    assert.deepEqual(classes(fs, ['Service']), [['ns-a', 'ns-b', 'ns-c', 'z']]);
    const { analyzer } = counted('test.Named', (ctx) => {
      const named = ctx
        .resources('ConfigMap')
        .map((c) => String(c.value.data && (c.value.data as { ns: string }).ns));
      for (const s of ctx.resources('Service'))
        if (!named.includes(`${s.ns}.svc`)) ctx.report('IST0101', s, ['', '']);
    });
    assert.deepEqual(found(fs, analyzer), [], 'applied to ns-b, the Service is the one named');
  });

  it('a glob names the namespaces holding its fragment at the `*`; other fragments only as themselves', () => {
    const policy = doc('AuthorizationPolicy', 'p', 'z', 'spec:\n  from: ["prod-*", "*.shop.example"]\n');
    const fs = files(manifest('prod-eu'), manifest('qa-east'), manifest('shop'), manifest('shop2'), policy);
    assert.deepEqual(classes(fs, ['AuthorizationPolicy']), [
      ['prod-eu'],
      ['qa-east', 'shop2'],
      ['shop'],
      ['z'],
    ]);
  });

  it('names the code or the mesh config singles out are tried apart', () => {
    const fs = files(manifest('istio-system'), manifest('ns-a'), manifest('mesh-root'), manifest('ns-b'));
    const mesh = { ...defaultMeshConfig(), rootNamespace: 'mesh-root' };
    assert.deepEqual(classes(fs, ['Pod'], mesh), [['istio-system'], ['ns-a', 'ns-b'], ['mesh-root']]);
  });

  it('a finding on a member\u2019s own manifest is tried in each member', () => {
    // Each manifest is reported unless the undecided Pod is applied to it: no finding holds everywhere.
    const { analyzer } = counted('test.Manifest', (ctx) => {
      const pods = ctx.resources('Pod');
      for (const n of ctx.resources('Namespace'))
        if (!pods.some((p) => p.ns === n.name)) ctx.report('IST0101', n, ['', '']);
    });
    assert.deepEqual(found(files(...abc, doc('Pod', 'p')), analyzer), []);
  });

  it('a trial that reads a kind the grouping did not look at has every member tried', () => {
    // In the first placement (default) the check reads no Service, so the Service in ns-c was not looked at.
    const { analyzer } = counted('test.Late', (ctx) =>
      ctx.eachSubject(ctx.resources('ConfigMap'), (cm) => {
        if (cm.nsKnown) return;
        if (cm.ns === 'default' || !ctx.resourcesIn('Service', cm.ns).length)
          ctx.report('IST0101', cm, ['', '']);
      }),
    );
    assert.deepEqual(
      found(files(...abc, doc('Service', 'web', 'ns-c'), doc('ConfigMap', 'free')), analyzer),
      [],
    );
  });

  it('the namespaces decided resources are in tell apart only those namespaces', () => {
    // An analyzer reading decidedNamespaces() sees every resource's namespace, but no more: the empty
    // namespaces look alike to it (it read all() before, and each namespace was a trial of its own).
    const fs = files(...abc, manifest('ns-d'), doc('Secret', 's', 'ns-b'), doc('ConfigMap', 'free'));
    assert.deepEqual(classes(fs, ['ConfigMap', DECIDED_NAMESPACES_TOKEN]), [
      ['ns-a', 'ns-c', 'ns-d'],
      ['ns-b'],
    ]);
    // Reports an undecided ConfigMap unless its namespace holds a decided resource: ns-b has one.
    const { analyzer, count } = counted('test.DecidedNamespaces', (ctx) =>
      ctx.eachSubject(ctx.resources('ConfigMap'), (cm) => {
        if (!cm.nsKnown && !ctx.decidedNamespaces().has(cm.ns)) ctx.report('IST0101', cm, ['', '']);
      }),
    );
    assert.deepEqual(found(fs, analyzer), [], 'applied to ns-b, the namespace is in use');
    assert.equal(count.runs, 1 + 2, 'the first placement, one trial for ns-a/ns-c/ns-d, one for ns-b');
  });
});

const deployment = (ns: string, app: string) =>
  doc(
    'Deployment',
    app,
    ns,
    `spec:\n  selector:\n    matchLabels: {app: ${app}}\n  template:\n    metadata:\n      labels: {app: ${app}}\n    spec:\n      containers: [{name: c, image: i}]\n`,
  ).replace('apiVersion: v1', 'apiVersion: apps/v1');
const policy = (name: string, ns: string, app: string) =>
  doc('AuthorizationPolicy', name, ns, `spec:\n  selector:\n    matchLabels: {app: ${app}}\n`).replace(
    'apiVersion: v1',
    'apiVersion: security.istio.io/v1',
  );

/** A real analyzer, its runs counted. */
function countedReal(real: Analyzer = authAuthorizationPoliciesAnalyzer) {
  const c = counted('', (ctx) => real.analyze(ctx));
  c.analyzer.meta = real.meta;
  return c;
}

describe('auth.AuthorizationPoliciesAnalyzer in trial placements', () => {
  it("scans the workloads of the policies' own namespaces: other namespaces' trials are not run", () => {
    const namespaces = ['ns-1', 'ns-2', 'ns-3', 'ns-4', 'ns-5'];
    const fs = files(
      ...namespaces.map((n) => manifest(n)),
      ...namespaces.map((n) => deployment(n, `web-${n}`)),
      deployment('', 'free'), // undecided: each namespace is a placement to try
      policy('p', 'ns-1', 'web-ns-1x'),
    );
    const { analyzer, count } = countedReal();
    assert.deepEqual(found(fs, analyzer), ['p'], 'a slip from the one workload of ns-1 wherever free lands');
    // Its finding depends on ns-1's workloads only: one trial (free in ns-1). Scanning every pod made
    // the finding depend on every namespace, one trial each.
    assert.equal(count.runs, 1 + 1);
  });

  it("each policy depends on its namespace's workloads, also when another policy of it read them first", () => {
    // Both policies slip from ns-1's workload where the undecided Deployment is not in ns-1, and both
    // select it where it is: neither finding holds in every placement.
    const fs = files(
      manifest('ns-1'),
      manifest('ns-2'),
      deployment('ns-1', 'web-ns-1'),
      deployment('ns-2', 'web-ns-2'),
      deployment('', 'web-ns-1x'),
      policy('p1', 'ns-1', 'web-ns-1x'),
      policy('p2', 'ns-1', 'web-ns-1x'),
    );
    const { analyzer } = countedReal();
    assert.deepEqual(found(fs, analyzer), []);
  });
});

describe('workload selectors in trial placements', () => {
  // Five namespaces with a workload each, an undecided Deployment, and a selector in ns-1 a slip from
  // its workload: the finding depends on ns-1's pods only, so one trial (the Deployment in ns-1) runs.
  const namespaces = ['ns-1', 'ns-2', 'ns-3', 'ns-4', 'ns-5'];
  const workspace = (selecting: string) =>
    files(
      ...namespaces.map((n) => manifest(n)),
      ...namespaces.map((n) => deployment(n, `web-${n}`)),
      deployment('', 'free'),
      selecting,
    );
  const cases: [Analyzer, string, string][] = [
    [sidecarSelectorAnalyzer, 'networking.istio.io/v1 Sidecar', 'workloadSelector:\n    labels'],
    [telemetrySelectorAnalyzer, 'telemetry.istio.io/v1 Telemetry', 'selector:\n    matchLabels'],
  ];
  for (const [real, type, selector] of cases) {
    it(real.meta.name, () => {
      const [apiVersion, kind] = type.split(' ');
      const selecting = doc(kind, 'x', 'ns-1', `spec:\n  ${selector}: {app: web-ns-1x}\n`).replace(
        'apiVersion: v1',
        `apiVersion: ${apiVersion}`,
      );
      const { analyzer, count } = countedReal(real);
      assert.deepEqual(found(workspace(selecting), analyzer), ['x']);
      assert.equal(count.runs, 1 + 1);
    });
  }
});
