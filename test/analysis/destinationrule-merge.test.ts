// Two DestinationRules for one host in one namespace are merged by istiod into the first (by creation,
// then name): the second's top-level trafficPolicy is ignored when the first has one, and so is its
// definition of a subset name the first already defines. Reported on what the second loses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../helpers/workspace';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { testEnv } from '../helpers/env';

interface Dr {
  name: string;
  ns?: string;
  policy?: string;
  subsets?: string;
  extra?: string;
}
const dr = ({ name, ns, policy, subsets, extra }: Dr, host = 'backend') =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  host: ${host}\n${extra ?? ''}${policy ? `  trafficPolicy:\n    ${policy}\n` : ''}${subsets ? `  subsets:\n${subsets}` : ''}`;
const v1 = (version: string) => `  - name: v1\n    labels: {version: ${version}}\n`;
const lb = '  trafficPolicy:\n    loadBalancer: {simple: RANDOM}\n';
const breaker = 'connectionPool: {tcp: {maxConnections: 1}}';
const mtls = 'tls: {mode: ISTIO_MUTUAL}';
const merges = (files: Record<string, string>) =>
  checkFiles(files).filter((l) => l.includes('destinationrule-merge'));

describe('DestinationRules istiod merges', () => {
  it("the second rule's top-level trafficPolicy is ignored: the circuit breaker written beside the subsets", () => {
    assert.deepEqual(
      merges({
        'istio/destination-rule.yaml': dr({ name: 'backend', ns: 'demo', policy: mtls, subsets: v1('v1') }),
        'istio/circuit-breaker.yaml': dr({ name: 'backend-circuit-breaker', ns: 'demo', policy: breaker }),
      }),
      [
        "istio/circuit-breaker.yaml:9 destinationrule-merge DestinationRules demo/backend and demo/backend-circuit-breaker configure the same host backend: istiod merges them into demo/backend and ignores this top-level trafficPolicy (only the first rule's is kept)",
      ],
    );
  });

  it('points at the rule merged first', () => {
    const files = [
      parseFile('file:///ws/a.yaml', dr({ name: 'a', ns: 'demo', policy: mtls })),
      parseFile('file:///ws/b.yaml', dr({ name: 'b', ns: 'demo', policy: breaker })),
    ];
    const found = checkWorkspace(files, testEnv())
      .get('file:///ws/b.yaml')!
      .find((d) => d.code === 'destinationrule-merge')!;
    assert.deepEqual(
      found.relatedInformation?.map((r) => [r.uri, r.range.start.line + 1]),
      [['file:///ws/a.yaml', 4]],
    );
  });

  it('a subset name both define differently: the second definition is ignored; the same definition is harmless', () => {
    assert.deepEqual(
      merges({
        'k8s/a.yaml': dr({ name: 'canary', subsets: v1('v1') }),
        'k8s/b.yaml': dr({
          name: 'lb',
          subsets: `  - name: v1\n    labels: {version: v1}\n${lb.replace(/^/gm, '  ')}`,
        }),
      }),
      [
        'k8s/b.yaml:8 destinationrule-merge DestinationRules default/canary and default/lb configure the same host backend: istiod merges them into default/canary and ignores this subset v1 (default/canary defines v1 differently)',
      ],
    );
    assert.deepEqual(
      merges({
        'k8s/a.yaml': dr({ name: 'a', subsets: v1('v1') }),
        'k8s/b.yaml': dr({ name: 'b', subsets: v1('v1') }),
      }),
      [],
    );
  });

  it('not merged, or nothing lost: no finding', () => {
    const none = (files: Record<string, string>) =>
      assert.deepEqual(merges(files), [], JSON.stringify(files));
    // the same policy twice, one rule without a policy, or one object written twice (alternatives)
    none({ 'k/a.yaml': dr({ name: 'a', policy: mtls }), 'k/b.yaml': dr({ name: 'b', policy: mtls }) });
    none({ 'k/a.yaml': dr({ name: 'a', policy: mtls }), 'k/b.yaml': dr({ name: 'b', subsets: v1('v1') }) });
    none({ 'k/a.yaml': dr({ name: 'a', policy: mtls }), 'k/v2/a.yaml': dr({ name: 'a', policy: breaker }) });
    // other namespaces, or a namespace given at apply time beside a written one
    none({
      'k/a.yaml': dr({ name: 'a', ns: 'one', policy: mtls }),
      'k/b.yaml': dr({ name: 'b', ns: 'two', policy: breaker }),
    });
    none({
      'k/a.yaml': dr({ name: 'a', ns: 'default', policy: mtls }),
      'k/b.yaml': dr({ name: 'b', policy: breaker }),
    });
    // another host, a workload selector on one side only, other exportTo scopes
    none({
      'k/a.yaml': dr({ name: 'a', policy: mtls }),
      'k/b.yaml': dr({ name: 'b', policy: breaker }, 'frontend'),
    });
    none({
      'k/a.yaml': dr({ name: 'a', policy: mtls }),
      'k/b.yaml': dr({
        name: 'b',
        policy: breaker,
        extra: '  workloadSelector:\n    matchLabels: {app: client}\n',
      }),
    });
    none({
      'k/a.yaml': dr({ name: 'a', policy: mtls }),
      'k/b.yaml': dr({ name: 'b', policy: breaker, extra: '  exportTo: ["."]\n' }),
    });
    // rules of unrelated directories (separate demos) are not shown applied together
    none({
      'demo1/a.yaml': dr({ name: 'a', policy: mtls }),
      'demo2/b.yaml': dr({ name: 'b', policy: breaker }),
    });
  });

  it('a short host and its full name are one host; equal workload selectors merge too', () => {
    assert.equal(
      merges({
        'k/a.yaml': dr({ name: 'a', ns: 'demo', policy: mtls }),
        'k/b.yaml': dr({ name: 'b', ns: 'demo', policy: breaker }, 'backend.demo.svc.cluster.local'),
      }).length,
      1,
    );
    const sel = '  workloadSelector:\n    matchLabels: {app: client}\n';
    assert.equal(
      merges({
        'k/a.yaml': dr({ name: 'a', policy: mtls, extra: sel }),
        'k/b.yaml': dr({ name: 'b', policy: breaker, extra: sel }),
      }).length,
      1,
    );
  });

  it('rules of two files that rewrite one object differently are versions of one step, applied one at a time', () => {
    const vs = (weight: number) =>
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: routing\n  namespace: demo\nspec:\n  hosts: [backend]\n  http:\n  - route:\n    - destination: {host: backend}\n      weight: ${weight}\n`;
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n';
    // failover.yaml and round-robin.yaml both define VirtualService demo/routing: kubectl apply of the
    // directory would overwrite one with the other, so each file is applied alone.
    assert.deepEqual(
      merges({
        'steps/failover.yaml': `${dr({ name: 'failover', ns: 'demo', policy: mtls })}---\n${vs(100)}`,
        'steps/round-robin.yaml': `${dr({ name: 'round-robin', ns: 'demo', policy: breaker })}---\n${vs(50)}`,
      }),
      [],
    );
    // The same object declared alike in both (each file self-contained) proves nothing: still reported.
    assert.equal(
      merges({
        'steps/failover.yaml': `${ns}---\n${dr({ name: 'failover', ns: 'demo', policy: mtls })}`,
        'steps/round-robin.yaml': `${ns}---\n${dr({ name: 'round-robin', ns: 'demo', policy: breaker })}`,
      }).length,
      1,
    );
    // Versions of one object in one file are no evidence about two files.
    assert.equal(
      merges({
        'steps/failover.yaml': `${dr({ name: 'failover', ns: 'demo', policy: mtls })}---\n${vs(100)}---\n${vs(50)}`,
        'steps/round-robin.yaml': dr({ name: 'round-robin', ns: 'demo', policy: breaker }),
      }).length,
      1,
    );
  });
});
