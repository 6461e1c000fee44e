// Diagnostics from our server on the seed fixture and the other workspace files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, open, ours, setSetting, sleep, waitFor, waitForDiagnostic } from './helpers';

describe('diagnostics', () => {
  let seed: vscode.TextDocument;
  before(async () => {
    seed = await open('seed-sidecar-proxy.yaml');
  });

  it('names the unknown kind IstioProxy on line 2', async () => {
    const d = await waitForDiagnostic(seed.uri, 'unknown-kind', (x) => codeOf(x) === 'unknown-kind');
    assert.equal(d.range.start.line, 1);
    assert.match(d.message, /Unknown kind IstioProxy in networking\.istio\.io\/v1alpha3/);
    assert.equal(seed.getText(d.range), 'IstioProxy');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  });

  it('reports duplicate keys on the repeated key, pointing at the first occurrence', async () => {
    const dups = await waitFor('duplicate keys', () => {
      const ds = ours(seed.uri).filter((x) => codeOf(x) === 'duplicate-key');
      return ds.length > 0 && ds;
    });
    assert.ok(dups.length >= 5, `several duplicate keys (got ${dups.length})`);
    for (const d of dups) {
      const key = seed.getText(d.range);
      assert.match(
        d.message,
        new RegExp(`\`${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``),
        'message names the key under the range',
      );
      const first = d.relatedInformation?.[0];
      assert.ok(first, 'related information points at the first occurrence');
      assert.equal(first.location.uri.toString(), seed.uri.toString());
      assert.ok(first.location.range.start.isBefore(d.range.start), 'first occurrence comes before');
    }
    assert.ok(
      ours(seed.uri).some((x) => codeOf(x) === 'yaml-syntax'),
      'syntax errors located too',
    );
  });

  it('leaves non-Kubernetes YAML alone and keeps a valid multi-document file clean', async () => {
    const kindTypo = await open('mesh/kind-typo.yaml');
    await waitForDiagnostic(kindTypo.uri, 'kind typo diagnostic', (x) => codeOf(x) === 'unknown-kind');
    const compose = await open('compose.yaml');
    const reviews = await open('mesh/reviews.yaml');
    await sleep(1500); // give the server time to publish for the last two files
    assert.deepEqual(
      ours(compose.uri).map((x) => x.message),
      [],
    );
    assert.deepEqual(
      ours(reviews.uri)
        .filter((x) => x.severity <= vscode.DiagnosticSeverity.Warning)
        .map((x) => x.message),
      [],
    );
  });

  it('follows the istioLens settings (disabledCodes, validate.enable)', async () => {
    await waitForDiagnostic(seed.uri, 'duplicate keys', (x) => codeOf(x) === 'duplicate-key');
    try {
      await setSetting('disabledCodes', ['duplicate-key']);
      await waitFor(
        'duplicate-key disabled',
        () => !ours(seed.uri).some((x) => codeOf(x) === 'duplicate-key') && ours(seed.uri).length > 0,
      );
      await setSetting('validate.enable', false);
      await waitFor('validation disabled', () => ours(seed.uri).length === 0);
    } finally {
      await setSetting('disabledCodes', undefined);
      await setSetting('validate.enable', undefined);
    }
    await waitForDiagnostic(seed.uri, 'duplicate keys back', (x) => codeOf(x) === 'duplicate-key');
  });
});
