// Istio's analyzer test cases (third_party/upstream/istio/analysis/cases.json), run the way upstream
// runs them: the case's files + default-resources.yaml (+ its meshConfig merged onto the defaults),
// ONLY the case's analyzer, the files taken as the whole cluster (assumeComplete), and the multiset of (code, "Kind ns/name") compared exactly.
import { meshNetworksDocument } from '../../server/src/engine/analyzers/util/mesh-networks-doc';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parse } from 'yaml';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, applyMeshConfig, defaultMeshConfig } from '../../server/src/engine/analysis';
import { analyzerByName } from '../../server/src/engine/analyzers';
import { istioData, readText } from '../helpers/paths';

interface Expected {
  code: string;
  resource: string;
}
interface Case {
  id: string;
  name: string;
  analyzer: string;
  testdata: string[];
  meshConfig: string | null;
  meshNetworks: string | null;
  expected: Expected[];
}

const analysisDir = path.join(istioData, 'analysis');
const cases = JSON.parse(readText(path.join(analysisDir, 'cases.json'))) as Case[];

const parsedCache = new Map<string, ParsedFile>();
function load(rel: string): ParsedFile {
  let f = parsedCache.get(rel);
  if (!f) {
    f = parseFile('file:///' + rel, readText(path.join(analysisDir, rel)));
    parsedCache.set(rel, f);
  }
  return f;
}

const pair = (e: Expected): string => `${e.code} ${e.resource}`;

function run(c: Case): { ok: boolean; got: string[]; want: string[]; missing?: boolean } {
  const want = c.expected.map(pair).sort();
  const analyzer = analyzerByName(c.analyzer);
  if (!analyzer) return { ok: false, got: [], want, missing: true };
  const meshConfig = c.meshConfig
    ? applyMeshConfig(parse(readText(path.join(analysisDir, c.meshConfig))))
    : defaultMeshConfig();
  const files = c.testdata.map(load);
  // Upstream adds the mesh networks as the resource MeshNetworks istio-system/meshnetworks.
  if (c.meshNetworks) {
    files.push(
      parseFile(
        'file:///meshnetworks.yaml',
        meshNetworksDocument(readText(path.join(analysisDir, c.meshNetworks))),
      ),
    );
  }
  // Upstream adds the dummy ingress gateway unless ingress is turned off in the mesh config.
  if (meshConfig.ingressControllerMode !== 'OFF') files.push(load('default-resources.yaml'));
  const diags = analyzeWorkspace(files, { analyzers: [analyzer], meshConfig, assumeComplete: true });
  const got: string[] = [];
  for (const list of diags.values()) {
    for (const d of list) {
      const r = d.resource;
      got.push(
        `${d.code} ${r ? (r.namespace === null ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`) : '<none>'}`,
      );
    }
  }
  got.sort();
  return { ok: JSON.stringify(got) === JSON.stringify(want), got, want };
}

const results = new Map<string, ReturnType<typeof run>>();
for (const c of cases) results.set(c.id, run(c));

test('conformance: every analyzer with upstream cases is implemented and passes them all (per-analyzer table)', () => {
  const byAnalyzer = new Map<string, { pass: number; total: number; missing: boolean }>();
  for (const c of cases) {
    const r = results.get(c.id)!;
    const row = byAnalyzer.get(c.analyzer) ?? { pass: 0, total: 0, missing: !!r.missing };
    row.total++;
    if (r.ok) row.pass++;
    byAnalyzer.set(c.analyzer, row);
  }
  const lines = [...byAnalyzer]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, r]) =>
        `${name.padEnd(56)} ${String(r.pass).padStart(2)}/${r.total}${r.missing ? '  (not implemented)' : ''}`,
    );
  const pass = [...results.values()].filter((r) => r.ok).length;
  console.log(`\nIstio analyzer conformance: ${pass}/${cases.length} cases\n${lines.join('\n')}`);
  // CONFORMANCE_VERBOSE=1 prints what differs for the implemented analyzers that fail.
  if (process.env.CONFORMANCE_VERBOSE) {
    for (const c of cases) {
      const r = results.get(c.id)!;
      if (r.ok || r.missing) continue;
      const extra = r.got.filter((x) => !r.want.includes(x));
      const missing = r.want.filter((x) => !r.got.includes(x));
      console.log(
        `${c.id} ${c.analyzer}\n  got:  ${JSON.stringify(r.got)}\n  want: ${JSON.stringify(r.want)}\n  extra: ${JSON.stringify(extra)} missing: ${JSON.stringify(missing)}`,
      );
    }
  }
  assert.deepEqual(
    [...byAnalyzer].filter(([, r]) => r.missing || r.pass < r.total).map(([name]) => name),
    [],
    'analyzers missing or failing a case',
  );
  assert.equal(pass, cases.length);
});

// Every upstream case is a test: one that fails is a failure, whether or not it passed before.
for (const c of cases) {
  test(`${c.id} ${c.analyzer}: ${c.name}`, () => {
    const r = results.get(c.id)!;
    assert.ok(!r.missing, `analyzer ${c.analyzer} is not implemented`);
    assert.deepEqual(r.got, r.want);
  });
}
