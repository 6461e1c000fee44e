// The server's node flags: V8 reads heap flags only when the heap is made, so every launcher of the
// server passes the same command-line flags (the extension, the bin's shebang, the benchmark), and the
// server does not set them at run time, where they would do nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readText, repoRoot } from '../helpers/paths';

const repoPath = (p: string): string => path.join(repoRoot, p);

function execArgv(): string[] {
  const src = readText(repoPath('client/src/languageClient.ts'));
  const m = /export const SERVER_EXEC_ARGV = \[([^\]]*)\]/.exec(src);
  assert.ok(m, 'languageClient.ts declares SERVER_EXEC_ARGV');
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

describe('server node flags', () => {
  it('the extension starts the server with a small young generation', () => {
    assert.deepEqual(execArgv(), ['--max-semi-space-size=2']);
    assert.match(
      readText(repoPath('client/src/languageClient.ts')),
      /run: \{[^}]*execArgv: SERVER_EXEC_ARGV/,
    );
  });

  it('the bin shebang and the benchmark pass the same flags', () => {
    const flags = execArgv().join(' ');
    assert.ok(readText(repoPath('scripts/build.mjs')).includes(`#!/usr/bin/env -S node ${flags}'`));
    const bench = readText(repoPath('scripts/bench.mjs'));
    const m = /const SERVER_EXEC_ARGV = \[([^\]]*)\]/.exec(bench);
    assert.ok(m, 'bench.mjs declares SERVER_EXEC_ARGV');
    assert.deepEqual(
      [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]),
      execArgv(),
    );
  });

  it('the server sets no V8 flag at run time', () => {
    assert.doesNotMatch(readText(repoPath('server/src/lsp/main.ts')), /setFlagsFromString/);
  });
});
