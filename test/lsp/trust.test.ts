// Workspace trust on the server side: settings that point at files are read only in a trusted workspace.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestLspClient } from '../helpers/lspClient';

async function warningsFor(settings: Record<string, unknown>): Promise<string[]> {
  const client = new TestLspClient(settings);
  const warnings: string[] = [];
  client.conn.onNotification('window/showMessage', (m: { message: string }) => {
    warnings.push(m.message);
  });
  await client.initialize('file:///tmp/istio-lens-trust-ws');
  client.open(
    'file:///tmp/istio-lens-trust-ws/a.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
  );
  await client.diagnostics('file:///tmp/istio-lens-trust-ws/a.yaml', 1);
  await client.shutdown();
  return warnings;
}

describe('workspace trust', () => {
  const meshConfig = '/nonexistent/istio-lens/mesh.yaml';
  it('a trusted workspace reads istioLens.meshConfig (and says when it cannot)', async () => {
    const w = await warningsFor({ meshConfig, workspaceTrusted: true });
    assert.ok(
      w.some((m) => m.includes('cannot read') && m.includes(meshConfig)),
      JSON.stringify(w),
    );
  });

  it('an untrusted workspace never touches it', async () => {
    assert.deepEqual(await warningsFor({ meshConfig, workspaceTrusted: false }), []);
  });

  it('a relative path may not leave the workspace', async () => {
    const w = await warningsFor({ meshConfig: '../../etc/passwd', workspaceTrusted: true });
    assert.ok(
      w.some((m) => /points outside the workspace/.test(m)),
      JSON.stringify(w),
    );
  });
});
