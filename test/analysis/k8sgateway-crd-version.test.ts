// k8sgateway.CRDVersionAnalyzer edges: loose semver parsing (Masterminds) and prerelease stripping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSemver, semverString } from '../../server/src/engine/analyzers/k8sgateway-crd-version';
import { runAnalyzer } from './run-analyzer';

const versions: [string, string | null][] = [
  ['v1.4.1', '1.4.1'],
  ['1.5', '1.5.0'],
  ['2', '2.0.0'],
  ['v1.5.0-rc.1+build.7', '1.5.0-rc.1+build.7'],
  ['1.5.0-rc.01', null],
  ['latest', null],
  ['v1.4.x', null],
];
for (const [raw, want] of versions) {
  test(`parseSemver(${raw})`, () => {
    const v = parseSemver(raw);
    assert.equal(v ? semverString(v) : null, want);
  });
}

const crd = (name: string, version: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${name}
  annotations:
    gateway.networking.k8s.io/bundle-version: ${version}
spec:
  group: gateway.networking.k8s.io
`;
const cases: { name: string; yaml: string; expect: string[] }[] = [
  {
    name: 'below the minimum',
    yaml: crd('tlsroutes.gateway.networking.k8s.io', 'v1.4.1'),
    expect: [
      'IST0176|v1.4.1|Gateway API CRD "tlsroutes.gateway.networking.k8s.io" is at version "1.4.1" but Istio requires at least "1.5.0"',
    ],
  },
  {
    name: 'a prerelease of the minimum is accepted',
    yaml: crd('tlsroutes.gateway.networking.k8s.io', 'v1.5.0-rc.1'),
    expect: [],
  },
  {
    name: 'CRDs without a minimum are ignored',
    yaml: crd('httproutes.gateway.networking.k8s.io', 'v0.1.0'),
    expect: [],
  },
  {
    name: 'an unparsable version is ignored',
    yaml: crd('grpcroutes.gateway.networking.k8s.io', 'dev'),
    expect: [],
  },
];
for (const c of cases) {
  test(c.name, () => {
    const got = runAnalyzer('k8sgateway.CRDVersionAnalyzer', { a: c.yaml });
    assert.deepEqual(
      got.map((f) => `${f.code}|${f.text}|${f.message.split(';')[0]}`),
      c.expect,
    );
  });
}
