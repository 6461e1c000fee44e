// Rule k8s-validation, table-driven: the cases are in k8s-validation.yaml (inputs, verdicts and messages
// carried over from Kubernetes' validation tests and the issue's apply-time examples); each lists every
// message expected, exactly. The messages too long to repeat are named here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parse } from 'yaml';
import { deployment, k8sFindings, pod, service } from './helpers';
import { readText, repoRoot } from '../helpers/paths';

const MESSAGES: Record<string, string> = {
  LABEL_1123:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  LABEL_1035:
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  SUBDOMAIN:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  QNAME:
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  LABEL_VALUE:
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ENV_STRICT:
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
  ENV_RELAXED:
    "a valid environment variable name must consist only of printable ASCII characters other than '='",
  PORT_RANGE: 'must be between 1 and 65535, inclusive',
};

interface Case {
  name: string;
  /** The manifest: exactly one of these (see k8s-validation.yaml). */
  pod?: string;
  deployment?: string;
  service?: string;
  yaml?: string;
  version?: string;
  expect: string[];
  /** The text the first diagnostic's range covers. */
  covers?: string;
}

function manifest(c: Case): string {
  if (c.pod !== undefined) return pod(c.pod);
  if (c.deployment !== undefined) return deployment(c.deployment);
  if (c.service !== undefined) return service(c.service);
  assert.ok(c.yaml !== undefined, `${c.name}: no manifest`);
  return c.yaml;
}

const message = (m: string) =>
  m.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    assert.ok(name in MESSAGES, `unknown message \${${name}}`);
    return MESSAGES[name];
  });

const cases = parse(readText(path.join(repoRoot, 'test/apiserver/k8s-validation.yaml'))) as Case[];
// Too large for the table: the 256 KiB limit on all annotations together.
const huge: Case = {
  name: 'annotations over 256 KiB',
  yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a: ${'x'.repeat(262144)}\n`,
  expect: ['metadata.annotations: Too long: may not be more than 262144 bytes'],
};

describe('k8s-validation', () => {
  it('reads every case of the table', () => assert.equal(cases.length, 76));
  for (const c of [...cases, huge]) {
    it(c.name, () => {
      const found = k8sFindings(manifest(c), c.version);
      assert.deepEqual(found.map((f) => f.message).sort(), c.expect.map(message).sort());
      if (c.covers !== undefined) assert.equal(found[0]?.covers, c.covers);
    });
  }
});
