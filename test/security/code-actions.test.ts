// Code actions never write outside the document they were asked about: every WorkspaceEdit touches
// only the requested URI, creates/renames/deletes no file, carries no command we did not declare,
// and its edits apply cleanly (inside the text, not overlapping).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Command, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TestLspClient } from '../helpers/lspClient';
import { corpus } from '../robustness/corpus';
import { rangeProblems } from '../robustness/invariants';
import { applyMutations, FUZZ_SEED, fuzzRuns, mutationsArb } from '../robustness/mutate';
import { serverWith } from '../robustness/spawnServer';

describe('code actions stay inside their document', () => {
  let client: TestLspClient;
  let commands: string[] = [];
  before(async () => {
    client = serverWith();
    const init = await client.initialize();
    commands = init.capabilities.executeCommandProvider?.commands ?? [];
  });
  after(() => client.shutdown());

  it('for every diagnostic of real and mutated manifests', async () => {
    const sources = corpus();
    const mutated = fc
      .sample(fc.tuple(fc.nat(), mutationsArb), { seed: FUZZ_SEED + 1, numRuns: fuzzRuns(40) })
      .map(([i, ms], k) => ({
        name: `mutated-${k}`,
        text: applyMutations(sources[i % sources.length].text, ms),
      }));
    let actionsSeen = 0;
    for (const [k, s] of [...sources, ...mutated].entries()) {
      const uri = `file:///ca/${k}.yaml`;
      client.open(uri, s.text, 1);
      const diags = await client.diagnostics(uri, 1);
      if (!diags.length) continue;
      const whole = {
        start: { line: 0, character: 0 },
        end: TextDocument.create(uri, 'yaml', 1, s.text).positionAt(s.text.length),
      };
      const actions = await client.request<(Command | CodeAction)[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: whole,
        context: { diagnostics: diags },
      });
      for (const a of actions) {
        actionsSeen++;
        const where = `${s.name}: ${a.title}`;
        const command = typeof a.command === 'string' ? a.command : a.command?.command;
        if (command) assert.ok(commands.includes(command), `${where}: undeclared command`);
        const edit: WorkspaceEdit = ('edit' in a ? a.edit : undefined) ?? {};
        assert.deepEqual(
          Object.keys(edit.changes ?? {}).filter((u) => u !== uri),
          [],
          `${where}: edits another document`,
        );
        for (const dc of edit.documentChanges ?? []) {
          assert.ok(!('kind' in dc), `${where}: file operation ${JSON.stringify(dc)}`);
          assert.equal(dc.textDocument.uri, uri, `${where}: edits another document`);
        }
        assert.equal(edit.changeAnnotations, undefined);
        const edits: TextEdit[] = [
          ...(edit.changes?.[uri] ?? []),
          ...(edit.documentChanges ?? [])
            .flatMap((dc) => ('edits' in dc ? dc.edits : []))
            .map((e) => {
              assert.ok(!('snippet' in e), `${where}: snippet edit`);
              return e;
            }),
        ];
        assert.deepEqual(
          rangeProblems(
            s.text,
            edits.map((e) => ({ code: 'edit', range: e.range })),
          ),
          [],
          where,
        );
        assert.doesNotThrow(
          () => TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, s.text), edits),
          `${where}: overlapping edits`,
        );
      }
      void client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    assert.ok(actionsSeen > 20, `only ${actionsSeen} actions offered: the test would prove nothing`);
  });
});
