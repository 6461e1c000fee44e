// externalcontrolplane.ExternalControlPlaneAnalyzer edges: URL hostnames as Go's url.Parse gives
// them, IP detection as net.ParseIP does it (no DNS offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIpAddress, webhookHost } from '../../server/src/engine/analyzers/externalcontrolplane';
import { runAnalyzer } from './run-analyzer';

const hosts: [string, string | null][] = [
  ['https://istiod.example.com:15017/validate', 'istiod.example.com'],
  ['https://user@1.2.3.4/inject', '1.2.3.4'],
  ['https://[2001:db8::1]:443/inject', '2001:db8::1'],
  ['istiod.example.com/inject', ''],
  ['https://host:port/x', null],
  ['https://[::1/x', null],
  ['https://bad\u0001host/', null],
];
for (const [url, host] of hosts)
  test(`webhookHost(${JSON.stringify(url)})`, () => assert.equal(webhookHost(url), host));

const ips: [string, boolean][] = [
  ['1.2.3.4', true],
  ['256.1.1.1', false],
  ['01.2.3.4', false],
  ['2001:db8::1', true],
  ['::ffff:1.2.3.4', true],
  ['fe80::1%eth0', false],
  ['example.com', false],
  ['1:2:3:4:5:6:7:8:9', false],
];
for (const [h, ip] of ips) test(`isIpAddress(${h})`, () => assert.equal(isIpAddress(h), ip));

const vwc = (url: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: istio-validator-external-istiod
webhooks:
- name: rev.validation.istio.io
  clientConfig:
    url: ${url}
`;
const cases: { url: string; expect: string[] }[] = [
  { url: 'https://[2001:db8::1]:15017/validate', expect: ['IST0164|https://[2001:db8::1]:15017/validate'] },
  { url: '"https://istiod:x/validate"', expect: ['IST0163|"https://istiod:x/validate"'] },
  { url: 'https://istiod.example.com/validate', expect: [] },
];
for (const c of cases) {
  test(`webhook url ${c.url}`, () => {
    const got = runAnalyzer('externalcontrolplane.ExternalControlPlaneAnalyzer', { a: vwc(c.url) });
    assert.deepEqual(
      got.map((f) => `${f.code}|${f.text}`),
      c.expect,
    );
  });
}
