// Starts the test LSP client's server with preloaded modules (NODE_OPTIONS --require) and extra env:
// the spawn copies process.env synchronously, so setting it around the constructor is enough.
import { after, before } from 'node:test';
import { TestLspClient } from '../helpers/lspClient';

export function serverWith(
  opts: { preload?: string[]; env?: Record<string, string>; settings?: Record<string, unknown> } = {},
): TestLspClient {
  const saved = { ...process.env };
  try {
    const requires = (opts.preload ?? []).map((p) => `--require ${JSON.stringify(p)}`).join(' ');
    if (requires) process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} ${requires}`.trim();
    Object.assign(process.env, opts.env ?? {});
    return new TestLspClient(opts.settings);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** The server still answers a request (it did not die or wedge). */
export async function stillAnswers(client: TestLspClient, timeoutMs = 10_000): Promise<void> {
  const uri = 'file:///alive/probe.yaml';
  client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alive\n');
  let timer: NodeJS.Timeout | undefined;
  const syms = (await Promise.race([
    client.request('textDocument/documentSymbol', { textDocument: { uri } }),
    new Promise((_, rej) => {
      timer = setTimeout(
        () =>
          rej(
            new Error(`server did not answer within ${timeoutMs} ms; stderr: ${client.stderr.slice(-2000)}`),
          ),
        timeoutMs,
      );
    }),
  ]).finally(() => clearTimeout(timer))) as { name: string }[];
  if (client.proc.exitCode !== null) throw new Error(`server exited with ${client.proc.exitCode}`);
  if (syms[0]?.name !== 'ConfigMap/alive') throw new Error(`unexpected answer ${JSON.stringify(syms)}`);
  void client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

/** One server for the enclosing suite: started and initialized before its tests, shut down after. */
export function suiteServer(): { readonly client: TestLspClient } {
  let client: TestLspClient | undefined;
  before(async () => {
    client = serverWith();
    await client.initialize();
  });
  after(() => client?.shutdown());
  return {
    get client(): TestLspClient {
      if (!client) throw new Error('the suite server is not started yet');
      return client;
    },
  };
}
