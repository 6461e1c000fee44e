// Istio hands out its messages deduplicated (diag.Messages.SortedDedupedCopy): when two analyzers say
// the same thing of one node, the user sees it once, from a full run and from an incremental one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace } from '../../server/src/engine/analysis';
import { IncrementalAnalysis } from '../../server/src/engine/analysis/incremental';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';

// The selector matches no pod: gateway.SecretAnalyzer (it looks for the credential's namespace) and
// gateway.IngressGatewayPortAnalyzer both report the missing selector on the same node.
const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: public}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*"]
    tls: {mode: SIMPLE, credentialName: web-cert}
`;

const selectorFindings = (diags: readonly { code?: unknown; message: string }[] = []) =>
  diags.filter((d) => d.code === 'IST0101' && d.message.includes('selector'));

test('a finding two analyzers share is reported once', () => {
  const file = parseFile('file:///ws/gw.yaml', gateway);
  const opts = { analyzers: IN_ALL_ANALYZERS, assumeComplete: true, assumeInstalled: 'none' as const };
  const full = selectorFindings(analyzeWorkspace([file], opts).get(file.uri));
  assert.deepEqual(
    full.map((d) => d.message),
    ['Referenced selector not found: "istio=public"'],
  );
  const incremental = selectorFindings(new IncrementalAnalysis(opts).run([file]).byUri.get(file.uri));
  assert.deepEqual(incremental, full);
});
