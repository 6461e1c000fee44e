// webhook.Analyzer edges: overlap messages once per hook (Istio dedups across label permutations),
// revisions that keep webhooks apart, and the Service check in a partial workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const NAME = 'webhook.Analyzer';
const mwc = (
  name: string,
  hookSelector: string,
  svc = 'istiod',
) => `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: ${name}
webhooks:
- name: sidecar-injector.istio.io
  clientConfig:
    service:
      name: ${svc}
      namespace: istio-system
${hookSelector}`;
const legacy = '  namespaceSelector:\n    matchLabels:\n      istio-injection: enabled\n';
const rev = (r: string) => `  namespaceSelector:\n    matchLabels:\n      istio.io/rev: ${r}\n`;
const service = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: istio-system\n`;

const cases: { name: string; files: Record<string, string>; complete?: boolean; expect: string[] }[] = [
  {
    name: 'two webhooks selecting the same namespaces: one message per hook',
    files: { a: mwc('a', legacy), b: mwc('b', legacy), s: service('istiod') },
    expect: [
      'MutatingWebhookConfiguration a|Webhook overlaps with others: [b/sidecar-injector.istio.io].',
      'MutatingWebhookConfiguration b|Webhook overlaps with others: [a/sidecar-injector.istio.io].',
    ],
  },
  {
    name: 'different revisions do not overlap',
    files: { a: mwc('a', rev('blue')), b: mwc('b', rev('green')), s: service('istiod') },
    expect: [],
  },
  {
    name: 'editor: a Service in a namespace the workspace does not model is not judged',
    files: { a: mwc('a', legacy, 'gone') },
    expect: [],
  },
  {
    // A revision's istiod-<rev> is installed apart (istioctl install --revision); the addons' Services
    // in istio-system do not say the workspace holds every Service there.
    name: 'editor: a Service unlike those of its namespace is not judged',
    files: { a: mwc('a', legacy, 'istiod-v110'), s: service('kiali') },
    expect: [],
  },
  {
    name: 'editor: a Service one slip from one of its namespace is misspelt',
    files: { a: mwc('a', legacy, 'istiodd'), s: service('istiod') },
    expect: [
      'MutatingWebhookConfiguration a|Injector refers to a control plane service that does not exist: istio-system/istiodd.',
    ],
  },
  {
    name: 'complete: a missing Service is reported',
    files: { a: mwc('a', legacy, 'gone') },
    complete: true,
    expect: [
      'MutatingWebhookConfiguration a|Injector refers to a control plane service that does not exist: istio-system/gone.',
    ],
  },
  {
    name: 'non-Istio webhooks are ignored',
    files: {
      a: mwc('a', legacy).replace('sidecar-injector.istio.io', 'other.example.com'),
      b: mwc('b', legacy).replace('sidecar-injector.istio.io', 'other.example.com'),
    },
    expect: [],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const got = runAnalyzer(NAME, c.files, { complete: c.complete });
    assert.ok(got.every((f) => f.code === 'IST0139'));
    assert.deepEqual(
      got
        .map((f) => `${f.resource}|${f.message.replace(' This may cause injection to occur twice.', '')}`)
        .sort(),
      c.expect,
    );
  });
}
