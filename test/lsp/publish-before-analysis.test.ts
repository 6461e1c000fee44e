// A workspace's own diagnostics reach the client before the first analysis starts: the analysis holds
// the thread, so publications still queued behind a full pipe (thousands of files at start-up) would
// arrive only after it. The publisher waits until they are written; a fake connection holds the writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnostics';
import type { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';
import { testEnv } from '../helpers/env';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the first analysis waits until the publications before it are written', async () => {
  const files = Array.from({ length: 20 }, (_, i) =>
    parseFile(`file:///w/${i}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`),
  );
  const held: (() => void)[] = [];
  let analysisStarted = false;
  const connection = {
    sendDiagnostics: () => new Promise<void>((resolve) => held.push(resolve)),
    console: { error: (m: string) => assert.fail(m) },
  } as unknown as Connection;
  const index = {
    files: () => files,
    get: (uri: string) => files.find((f) => f.uri === uri),
  } as unknown as WorkspaceIndex;
  const publisher = new DiagnosticsPublisher({
    connection,
    index,
    env: () => testEnv(),
    analyzeOptions: () => {
      analysisStarted = true;
      return { analyzers: IN_ALL_ANALYZERS };
    },
    enabled: () => true,
    openFile: () => undefined,
  });
  const analysed = publisher.startAnalysis();
  await sleep(400); // past the analysis delay (150 ms)
  assert.equal(held.length, files.length, 'every file published');
  assert.equal(analysisStarted, false, 'no analysis while the publications are not written');
  for (const write of held.splice(0)) write();
  await Promise.race([analysed, sleep(3000)]);
  assert.equal(analysisStarted, true, 'the analysis runs once they are');
});
