// A SOPS-encrypted manifest (parse/sops.ts) is decrypted before every apply: its `sops` metadata is
// removed and each `ENC[...]` ciphertext becomes the plain value. Neither is the cluster's to reject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const check = (yaml: string) =>
  checkFile(parseFile('file:///secret.enc.yaml', yaml), testEnv()).map((d) => ({
    code: d.code,
    severity: d.severity,
    line: d.range.start.line,
  }));
const errorsAndWarnings = (yaml: string) =>
  check(yaml).filter((d) => d.severity === Severity.Error || d.severity === Severity.Warning);

const SOPS = `sops:
    gcp_kms:
        - resource_id: projects/p/locations/l/keyRings/sops/cryptoKeys/sops-key
          enc: CiQABjWk
    lastmodified: "2023-12-12T18:45:36Z"
    mac: ENC[AES256_GCM,data:wHnK4Xui,iv:KMEem2ww=,tag:Sdq4HawB==,type:str]
    encrypted_regex: ^(data|stringData)$
    version: 3.8.1
`;

test('an encrypted Secret (encrypted_regex data): no unknown `sops`, its ciphertexts are placeholders', () => {
  const secret = `apiVersion: v1
kind: Secret
metadata:
    name: db
type: Opaque
data:
    password: ENC[AES256_GCM,data:+3TMLnB3,iv:AEEjGHRd=,tag:QEzr7j6w==,type:str]
${SOPS}`;
  assert.deepEqual(errorsAndWarnings(secret), []);
  // What validators say of the ciphertext is information, as of any value substituted before apply.
  assert.ok(check(secret).some((d) => d.code === 'invalid-format' && d.severity === Severity.Information));
});

test('every value encrypted (no encrypted_regex): the kind is unknown until decrypted, nothing is judged', () => {
  const secret = `apiVersion: ENC[AES256_GCM,data:Ng==,iv:AAAA,tag:BBBB==,type:str]
kind: ENC[AES256_GCM,data:MjM0NTY=,iv:AAAA,tag:BBBB==,type:str]
metadata:
    name: ENC[AES256_GCM,data:YWJj,iv:AAAA,tag:BBBB==,type:str]
${SOPS}`;
  assert.deepEqual(check(secret), []);
});

test('without SOPS metadata a `sops` field is unknown, and a value no base64 still an error', () => {
  const secret = `apiVersion: v1
kind: Secret
metadata:
    name: db
data:
    password: not base64!
sops:
    note: hand-written
`;
  const codes = errorsAndWarnings(secret).map((d) => d.code);
  assert.ok(codes.includes('unknown-field'), 'a sops map without mac and version is not SOPS metadata');
  // Plain text in data is rejected: one error, invalid-format's (the API server's decoder says the same).
  assert.ok(codes.includes('invalid-format'), 'plain text in data is rejected');
  assert.ok(!codes.includes('k8s-validation'));
});
