// The server's node flags (client/src/serverFlags.ts): V8 reads heap flags only when the heap is made, so
// every launcher of the server passes them on node's command line (the extension, the bin's shebang,
// the benchmark reads the same module), and the server does not set them at run time, where they would
// do nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SERVER_EXEC_ARGV } from '../../client/src/serverFlags';
import { readText, repoRoot } from '../helpers/paths';

const repoPath = (p: string): string => path.join(repoRoot, p);

describe('server node flags', () => {
  it('are a small young generation, and the extension starts the server with them', () => {
    assert.deepEqual(SERVER_EXEC_ARGV, ['--max-semi-space-size=2']);
    assert.match(
      readText(repoPath('client/src/languageClient.ts')),
      /run: \{[^}]*execArgv: SERVER_EXEC_ARGV/,
    );
  });

  it("are on the built server's shebang line", () => {
    const first = readText(repoPath('dist/server.js')).split('\n')[0];
    assert.equal(first, `#!/usr/bin/env -S node ${SERVER_EXEC_ARGV.join(' ')}`);
  });

  it('the server sets no V8 flag at run time', () => {
    assert.doesNotMatch(readText(repoPath('server/src/lsp/main.ts')), /setFlagsFromString/);
  });
});
