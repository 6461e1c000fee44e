// util.InitServiceEntryHostMap is built once per ServiceEntry and Service lists (analysis/hostMap.ts):
// analyzers of one placement share it, and each still records its reads of both kinds, which the
// trial placements depend on (a cached map must not hide them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, type Analyzer, type AnalysisContext } from '../../server/src/engine/analysis';
import { serviceEntryHostMap } from '../../server/src/engine/analysis/hostMap';

const yaml = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  ports: [{port: 80, name: http}]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: shop}
spec:
  hosts: [api.example.com]
  ports: [{number: 443, name: https, protocol: HTTPS}]
`;

test('one host map per placement, and every analyzer that asks for it reads both kinds', () => {
  const seen: { map: ReadonlyMap<string, unknown>; ctx: AnalysisContext }[] = [];
  const asker = (name: string): Analyzer => ({
    meta: { name, description: name, codes: ['IST0101'], inputs: [], inAll: true },
    analyze(ctx) {
      seen.push({ map: serviceEntryHostMap(ctx), ctx });
    },
  });
  analyzeWorkspace([parseFile('file:///ws/all.yaml', yaml)], {
    analyzers: [asker('test.First'), asker('test.Second')],
    assumeInstalled: 'none',
  });
  assert.equal(seen.length, 2);
  assert.equal(seen[0].map, seen[1].map, 'shared');
  assert.ok(seen[0].map.has('*/web.shop.svc.cluster.local'));
  assert.ok(seen[0].map.has('*/api.example.com'));
  const reads = (seen[1].ctx as unknown as { reads: Map<string, Set<string>> }).reads.get('test.Second');
  assert.deepEqual([...(reads ?? [])].sort(), ['Service', 'ServiceEntry']);
});
