// Trial placements of undecided namespaces (analysis/watch.ts): a finding is kept only if it holds
// wherever the namespace-less manifests are applied, but a trial runs only for the findings it could
// change, and re-checks only their subjects. Asserted through results and counts of analyzer runs,
// and against the plain definition: every analyzer run in every placement, findings intersected.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, type Analyzer, type AnalysisContext } from '../../server/src/engine/analysis';
import {
  analyzedFiles,
  analyzerContext,
  analyzerContexts,
  reportFilter,
  runAnalyzer,
  workspaceOptions,
} from '../../server/src/engine/analysis/runAnalyzers';
import { buildWorkspace } from '../../server/src/engine/analysis/workspace';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';
import { istioData } from '../helpers/paths';

const cm = (name: string, ns?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}\n`;
const svc = (name: string, ns?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}\nspec:\n  ports: [{port: 80}]\n`;
const files = (docs: Record<string, string>): ParsedFile[] =>
  Object.entries(docs).map(([name, text]) => parseFile(`file:///ws/${name}`, text));

/** An analyzer that counts its runs (one per placement it is run in) and its checks. */
function counted(name: string, analyze: (ctx: AnalysisContext, count: { checks: number }) => void) {
  const count = { runs: 0, checks: 0 };
  const analyzer: Analyzer = {
    meta: { name, description: name, codes: ['IST0101'], inputs: [], inAll: true },
    analyze(ctx) {
      count.runs++;
      analyze(ctx, count);
    },
  };
  return { analyzer, count };
}

const found = (fs: ParsedFile[], a: Analyzer) =>
  [...analyzeWorkspace(fs, { analyzers: [a], assumeInstalled: 'none' }).values()]
    .flat()
    .map((d) => d.resource?.name);

/** Namespaces a, b, c hold something: an undecided manifest is tried in each of them and in default. */
const spread = { 'ns.yaml': cm('m1', 'a') + '---\n' + cm('m2', 'b') + '---\n' + cm('m3', 'c') };

describe('trial placements', () => {
  it('an analyzer that observes no undecided namespace runs once, and keeps its findings', () => {
    const { analyzer, count } = counted('test.Names', (ctx) => {
      for (const r of ctx.resources('ConfigMap')) if (r.name === 'm2') ctx.report('IST0101', r, ['', '']);
    });
    const ws = files({ ...spread, 'free.yaml': cm('free') });
    assert.deepEqual(found(ws, analyzer), ['m2']);
    assert.equal(count.runs, 1);
  });

  it('a finding that depends on an undecided resource disappears when a trial satisfies it', () => {
    // A ConfigMap without a Service of its name in its namespace; the Service's namespace is undecided.
    const { analyzer, count } = counted('test.Lookup', (ctx) => {
      for (const r of ctx.resources('ConfigMap'))
        if (r.nsKnown && !ctx.find('Service', r.ns, r.name)) ctx.report('IST0101', r, ['', '']);
    });
    const ws = files({ ...spread, 'svc.yaml': svc('m2') });
    assert.deepEqual(found(ws, analyzer), ['m1', 'm3']);
    // Only a lookup of the undecided Service's name (m2 in b) could change a finding: b alone is tried.
    assert.equal(count.runs, 1 + 1);
  });

  it('the same finding stays when no placement satisfies it', () => {
    const { analyzer } = counted('test.Lookup2', (ctx) => {
      for (const r of ctx.resources('ConfigMap'))
        if (r.nsKnown && !ctx.find('Service', r.ns, r.name)) ctx.report('IST0101', r, ['', '']);
    });
    assert.deepEqual(found(files({ ...spread, 'svc.yaml': svc('other') }), analyzer), ['m1', 'm2', 'm3']);
  });

  it('a finding reported before an undecided namespace is read needs no trial', () => {
    const { analyzer, count } = counted('test.Order', (ctx) => {
      const [first] = ctx.resources('ConfigMap');
      ctx.report('IST0101', first, ['', '']);
      // Read afterwards: the report above cannot depend on it.
      for (const s of ctx.resources('Service')) if (s.ns === 'never') ctx.report('IST0101', s, ['', '']);
    });
    assert.deepEqual(found(files({ ...spread, 'svc.yaml': svc('s') }), analyzer), ['m1']);
    assert.equal(count.runs, 1);
  });

  it('a namespace read before a report makes it depend on every placement', () => {
    const { analyzer, count } = counted('test.InDefault', (ctx) => {
      for (const s of ctx.resources('Service')) if (s.ns === 'default') ctx.report('IST0101', s, ['', '']);
    });
    // In default as written, elsewhere in each trial: it does not hold wherever applied.
    assert.deepEqual(found(files({ ...spread, 'svc.yaml': svc('s') }), analyzer), []);
    assert.equal(count.runs, 2, 'the first trial removes the only finding: the others are not run');
  });

  it('eachSubject: a trial re-checks only the subjects whose findings it could change', () => {
    // Every Service reads its own (undecided) namespace; only s1 and s2 have findings.
    const { analyzer, count } = counted('test.Subjects', (ctx, c) => {
      ctx.eachSubject(ctx.resources('Service'), (s) => {
        c.checks++;
        if (s.ns.length > 0 && s.name !== 's3') ctx.report('IST0101', s, ['', '']);
      });
    });
    const ws = files({ ...spread, 'svc.yaml': [svc('s1'), svc('s2'), svc('s3')].join('---\n') });
    assert.deepEqual(found(ws, analyzer), ['s1', 's2']);
    const trials = 3; // a, b, c (default is the first placement)
    assert.equal(count.runs, 1 + trials);
    assert.equal(count.checks, 3 + 2 * trials);
  });

  it('eachSubject: a check that reports beside its subject has every subject re-checked', () => {
    const { analyzer, count } = counted('test.Beside', (ctx, c) => {
      const [anchor] = ctx.resources('ConfigMap');
      ctx.eachSubject(ctx.resources('Service'), (s) => {
        c.checks++;
        if (s.ns.length > 0 && s.name === 's1') ctx.report('IST0101', anchor, ['', '']);
      });
    });
    const ws = files({ ...spread, 'svc.yaml': [svc('s1'), svc('s2')].join('---\n') });
    assert.deepEqual(found(ws, analyzer), ['m1']);
    assert.equal(count.checks, 2 * 4, 'the first placement and 3 trials, every subject each time');
  });

  it('memoize: a cached answer carries the reads of its first computation to each subject', () => {
    // Both ConfigMaps of b ask whether b holds Service x; the undecided x moves to b in a trial. The
    // second ConfigMap gets the first one's answer: its finding must be tried in b all the same.
    const { analyzer, count } = counted('test.Memo', (ctx, c) => {
      const holdsX = ctx.memoize((ns: string) => {
        c.checks++;
        return ctx.find('Service', ns, 'x') !== undefined;
      });
      ctx.eachSubject(ctx.resources('ConfigMap'), (m) => {
        if (m.ns === 'b' && !holdsX(m.ns)) ctx.report('IST0101', m, ['', '']);
      });
    });
    const ws = files({
      'cm.yaml': [cm('c1', 'b'), cm('c2', 'b'), cm('c3', 'a')].join('---\n'),
      'x.yaml': svc('x'),
    });
    assert.deepEqual(found(ws, analyzer), []);
    assert.equal(count.runs, 2, 'the first placement and the trial in b');
    assert.equal(count.checks, 2, 'one computation per run');
  });
});

describe('trial placements equal the plain definition', () => {
  // Istio's samples as written (namespace-less) beside copies applied to named namespaces.
  const dir = path.join(istioData, 'samples', 'bookinfo', 'networking');
  const texts = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')] as const);
  const testdata = path.join(istioData, 'analysis', 'testdata');
  const platform = path.join(istioData, 'samples', 'bookinfo', 'platform', 'kube', 'bookinfo.yaml');
  const placed = (text: string, ns: string) =>
    text.replace(/^metadata:\n/gm, `metadata:\n  namespace: ${ns}\n`);
  const ws = [
    ...texts.map(([n, t]) => parseFile(`file:///samples/${n}`, t)),
    ...texts
      .filter(([, t]) => !t.includes('namespace:'))
      .slice(0, 8)
      .map(([n, t]) => parseFile(`file:///prod/${n}`, placed(t, 'prod'))),
    parseFile('file:///bookinfo.yaml', fs.readFileSync(platform, 'utf8')),
    parseFile('file:///qa/bookinfo.yaml', placed(fs.readFileSync(platform, 'utf8'), 'qa')),
    // Istio's analyzer test data: something for every analyzer to find.
    ...fs
      .readdirSync(testdata)
      .sort()
      .filter((n, i) => n.endsWith('.yaml') && i % 2 === 0)
      .map((n) => parseFile(`file:///testdata/${n}`, fs.readFileSync(path.join(testdata, n), 'utf8'))),
  ];

  it('every analyzer finds what running it in every placement and intersecting finds', () => {
    const opts = { analyzers: IN_ALL_ANALYZERS };
    const set = buildWorkspace(analyzedFiles(ws, opts), workspaceOptions(opts));
    const trials = set.candidateNamespaces().filter((n) => n !== 'default');
    assert.ok(trials.length >= 2, 'the workspace has namespaces to try');
    const key = (d: { uri: string; diagnostic: { code?: unknown; range: unknown } }) =>
      `${d.uri} ${String(d.diagnostic.code)} ${JSON.stringify(d.diagnostic.range)}`;
    const plain: string[] = [];
    for (const a of IN_ALL_ANALYZERS) {
      let kept = new Set(runAnalyzer(analyzerContext(set, opts), a, reportFilter(opts)).map(key));
      for (const ns of trials) {
        const there = new Set(
          runAnalyzer(analyzerContext(set.placedIn(ns), opts), a, reportFilter(opts)).map(key),
        );
        kept = new Set([...kept].filter((k) => there.has(k)));
      }
      plain.push(...kept);
    }
    const fast = [...analyzeWorkspace(ws, opts)]
      .flatMap(([uri, ds]) => ds.map((diagnostic) => key({ uri, diagnostic })))
      // The workspace-wide passes beside the analyzers (runAnalyzers.ts workspaceConflicts) are no analyzers.
      .filter((k) => !k.includes(' internal-error ') && !k.includes(' destinationrule-merge '));
    assert.ok(plain.length > 5, `the workspace has findings (${plain.length})`);
    assert.deepEqual(fast.sort(), plain.sort());
    // The fast path groups namespaces (namespaceClasses.ts): this equality covers the grouping.
    const [placed] = analyzerContexts(set, opts);
    const grouped = IN_ALL_ANALYZERS.filter((a) => {
      runAnalyzer(placed.first, a, reportFilter(opts));
      return placed.classes(placed.first.reads.get(a.meta.name) ?? new Set(['*'])).length < trials.length / 2;
    });
    assert.ok(grouped.length > 10, `analyzers whose trials are grouped: ${grouped.length}`);
  });
});
