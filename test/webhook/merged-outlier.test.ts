// Istio's webhook warns of locality failover without outlier detection in each traffic policy it
// validates, alone. istiod merges a subset's policy onto its rule's, and port-level settings onto their
// policy (MergeTrafficPolicy), keeping the outlier detection they do not set: there the warning is
// information saying so (README, differences from istioctl). Without outlier detection to keep, it stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const failover = (code: string) =>
  checkFile(parseFile('file:///dr.yaml', code), testEnv())
    .filter((d) => d.code === 'IST0133')
    .map((d) => `${d.range.start.line + 1} ${d.severity === Severity.Warning ? 'warning' : 'info'}`);

const FAILOVER = `loadBalancer:
        localityLbSetting:
          enabled: true
          failoverPriority: [kubernetes.io/hostname]`;

const rule = (ruleOutlier: boolean) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api
  trafficPolicy:
    ${ruleOutlier ? 'outlierDetection: {consecutive5xxErrors: 5}' : 'connectionPool: {tcp: {maxConnections: 10}}'}
  subsets:
  - name: default
    trafficPolicy:
      ${FAILOVER}
`;

test("a subset's failover keeps the rule's outlier detection", () => {
  assert.deepEqual(failover(rule(true)), ['12 info']);
  assert.deepEqual(failover(rule(false)), ['12 warning']);
  const note = checkFile(parseFile('file:///dr.yaml', rule(true)), testEnv()).find(
    (d) => d.code === 'IST0133',
  );
  assert.match(note!.message, /must be provided for failover \(harmless here: istiod merges this policy/);
});

test("port-level failover keeps its policy's outlier detection", () => {
  const ports = (outlier: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api
  trafficPolicy:
    ${outlier}
    portLevelSettings:
    - port: {number: 8080}
      ${FAILOVER}
`;
  assert.deepEqual(failover(ports('outlierDetection: {consecutive5xxErrors: 5}')), ['11 info']);
  assert.deepEqual(failover(ports('connectionPool: {tcp: {maxConnections: 10}}')), ['11 warning']);
});
