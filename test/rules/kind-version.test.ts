// unknown-kind, kind-wrong-group, unserved-version, deprecated-version: table-driven.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import type { Rule } from '../../server/src/engine/model/rule';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { unknownKind } from '../../server/src/engine/rules/unknown-kind';
import { kindWrongGroup } from '../../server/src/engine/rules/kind-wrong-group';
import { unservedVersion } from '../../server/src/engine/rules/unserved-version';
import { deprecatedVersion } from '../../server/src/engine/rules/deprecated-version';
import { testEnv } from '../helpers/env';

const RULES: Rule[] = [unknownKind, kindWrongGroup, unservedVersion, deprecatedVersion];
type Expect = { code: string; severity: Severity; msg: RegExp; replacements?: string[]; covers: string };
const doc = (apiVersion: string, kind: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;

const cases: { name: string; yaml: string; expect: Expect[] }[] = [
  { name: 'a valid Istio kind', yaml: doc('networking.istio.io/v1', 'VirtualService'), expect: [] },
  { name: 'a valid core kind', yaml: doc('v1', 'ConfigMap'), expect: [] },
  { name: 'kubectl List wrapper', yaml: doc('v1', 'List'), expect: [] },
  { name: 'a valid Gateway API kind', yaml: doc('gateway.networking.k8s.io/v1', 'HTTPRoute'), expect: [] },
  {
    name: 'kind typo',
    yaml: doc('networking.istio.io/v1', 'VirtualSevice'),
    expect: [
      {
        code: 'unknown-kind',
        severity: Severity.Error,
        msg: /Unknown kind VirtualSevice in networking\.istio\.io\/v1; did you mean VirtualService\?/,
        replacements: ['VirtualService'],
        covers: 'VirtualSevice',
      },
    ],
  },
  {
    name: 'kind case',
    yaml: doc('apps/v1', 'deployment'),
    expect: [
      {
        code: 'unknown-kind',
        severity: Severity.Error,
        msg: /did you mean Deployment\?/,
        replacements: ['Deployment'],
        covers: 'deployment',
      },
    ],
  },
  {
    name: 'made-up kind lists the group',
    yaml: doc('networking.istio.io/v1alpha3', 'IstioProxy'),
    expect: [
      {
        code: 'unknown-kind',
        severity: Severity.Error,
        msg: /networking\.istio\.io has: DestinationRule, EnvoyFilter, Gateway/,
        covers: 'IstioProxy',
      },
    ],
  },
  {
    name: 'unknown third-party group is only noted',
    yaml: doc('cert-manager.io/v1', 'Certificate'),
    expect: [
      {
        code: 'unknown-kind',
        severity: Severity.Information,
        msg: /no schema for the API group cert-manager\.io/,
        covers: 'Certificate',
      },
    ],
  },
  {
    name: 'Telemetry in networking',
    yaml: doc('networking.istio.io/v1', 'Telemetry'),
    expect: [
      {
        code: 'kind-wrong-group',
        severity: Severity.Error,
        msg: /^Telemetry is served by telemetry\.istio\.io\/v1, not networking\.istio\.io/,
        replacements: ['telemetry.istio.io/v1'],
        covers: 'networking.istio.io/v1',
      },
    ],
  },
  {
    name: 'Deployment in core',
    yaml: doc('v1', 'Deployment'),
    expect: [
      {
        code: 'kind-wrong-group',
        severity: Severity.Error,
        msg: /^Deployment is served by apps\/v1, not the core group/,
        replacements: ['apps/v1'],
        covers: 'v1',
      },
    ],
  },
  {
    name: 'removed extensions group',
    yaml: doc('extensions/v1beta1', 'Ingress'),
    expect: [
      {
        code: 'kind-wrong-group',
        severity: Severity.Error,
        msg: /^Ingress is served by networking\.k8s\.io\/v1/,
        replacements: ['networking.k8s.io/v1'],
        covers: 'extensions/v1beta1',
      },
    ],
  },
  {
    name: 'group typo',
    yaml: doc('networking.istoi.io/v1', 'Gateway'),
    expect: [
      {
        code: 'kind-wrong-group',
        severity: Severity.Error,
        msg: /^Gateway is served by .*networking\.istio\.io\/v1/,
        covers: 'networking.istoi.io/v1',
      },
    ],
  },
  {
    name: 'version never served',
    yaml: doc('apps/v1beta2', 'Deployment'),
    expect: [
      {
        code: 'unserved-version',
        severity: Severity.Error,
        msg: /apps\/v1beta2 does not serve Deployment; use `apps\/v1`/,
        replacements: ['apps/v1'],
        covers: 'apps/v1beta2',
      },
    ],
  },
  {
    name: 'Istio version not served',
    yaml: doc('networking.istio.io/v2', 'Sidecar'),
    expect: [
      {
        code: 'unserved-version',
        severity: Severity.Error,
        msg: /use `networking\.istio\.io\/v1` or/,
        replacements: ['networking.istio.io/v1'],
        covers: 'networking.istio.io/v2',
      },
    ],
  },
  {
    name: 'Istio pre-release superseded by v1',
    yaml: doc('networking.istio.io/v1alpha3', 'DestinationRule'),
    expect: [
      {
        code: 'deprecated-version',
        severity: Severity.Information,
        msg: /v1alpha3 is a pre-release version of DestinationRule; networking\.istio\.io\/v1 is the stable version/,
        replacements: ['networking.istio.io/v1'],
        covers: 'networking.istio.io/v1alpha3',
      },
    ],
  },
  {
    name: 'Gateway API deprecated version',
    yaml: doc('gateway.networking.k8s.io/v1alpha2', 'TLSRoute'),
    expect: [
      {
        code: 'deprecated-version',
        severity: Severity.Information,
        msg: /TLSRoute is deprecated: The v1alpha2 version of TLSRoute has been deprecated.*; use gateway\.networking\.k8s\.io\/v1/,
        replacements: ['gateway.networking.k8s.io/v1'],
        covers: 'gateway.networking.k8s.io/v1alpha2',
      },
    ],
  },
  {
    name: 'EnvoyFilter has only v1alpha3: nothing to move to',
    yaml: doc('networking.istio.io/v1alpha3', 'EnvoyFilter'),
    expect: [],
  },
];

describe('kind and version rules', () => {
  for (const c of cases) {
    it(c.name, () => {
      const file = parseFile('file:///k.yaml', c.yaml);
      const got = runRules(file, file.docs[0], testEnv(), RULES);
      assert.equal(got.length, c.expect.length, JSON.stringify(got.map((d) => d.message)));
      c.expect.forEach((e, i) => {
        const d = got[i];
        assert.equal(d.code, e.code);
        assert.equal(d.severity, e.severity);
        assert.match(d.message, e.msg);
        if (e.replacements) assert.deepEqual(d.data?.replacements, e.replacements);
        const line = c.yaml.split('\n')[d.range.start.line];
        assert.equal(line.slice(d.range.start.character, d.range.end.character), e.covers);
      });
    });
  }
});
