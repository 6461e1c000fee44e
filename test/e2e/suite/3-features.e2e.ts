// Language features served by our server through VS Code's own provider commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAction, open, quickFixes, waitFor, waitForCode, withCode } from './helpers';

const hoverText = (hs: vscode.Hover[]) =>
  hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('language features', () => {
  it('completes schema keys under spec', async () => {
    const doc = await open('mesh/completion.yaml');
    const pos = new vscode.Position(doc.getText().split('\n').indexOf('  '), 2); // the indented blank line under spec:
    const list = await waitFor('completion items', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        pos,
      );
      return l && l.items.length > 0 && l;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['hosts', 'http', 'gateways'])
      assert.ok(labels.includes(key), `${key} offered (got ${labels.slice(0, 20).join(', ')})`);
  });

  it('hovers a field with its CRD description', async () => {
    const doc = await open('mesh/reviews.yaml');
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('  hosts:'));
    const hovers = await waitFor('hover', async () => {
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(line, 4),
      );
      return hs && hs.length > 0 && hs;
    });
    assert.match(hoverText(hovers), /destination hosts to which traffic is being sent/);
  });

  it('quotes a boolean annotation with a quick fix', async () => {
    const doc = await open('mesh/annotated-deployment.yaml');
    const d = await waitForCode(doc.uri, 'non-string-metadata', 'non-string annotation');
    assert.equal(doc.getText(d.range), 'true');
    const fix = (await quickFixes(doc.uri, d)).find((a) => /Quote/.test(a.title));
    assert.ok(fix, 'quote quick fix offered');
    const text = await applyAction(doc, fix);
    assert.match(text, /sidecar\.istio\.io\/inject: "true"/);
    await waitFor('diagnostic cleared', () => !withCode(doc.uri, 'non-string-metadata').length);
    await doc.save();
  });

  it('replaces a misspelt kind with the suggestion', async () => {
    const doc = await open('mesh/kind-typo.yaml');
    const d = await waitForCode(doc.uri, 'unknown-kind', 'unknown kind');
    const fix = (await quickFixes(doc.uri, d)).find((a) => a.title.includes('VirtualService'));
    assert.ok(fix, 'kind replacement offered');
    assert.match(await applyAction(doc, fix), /^kind: VirtualService$/m);
    await waitFor('diagnostic cleared', () => !withCode(doc.uri, 'unknown-kind').length);
  });

  it('lists Kind/name and Kind/namespace/name document symbols', async () => {
    const doc = await open('mesh/reviews.yaml');
    const symbols = await waitFor('symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        doc.uri,
      );
      return s && s.length > 0 && s;
    });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['VirtualService/reviews', 'DestinationRule/default/reviews'],
    );
    const drKind = new vscode.Position(doc.getText().split('\n').indexOf('kind: DestinationRule'), 0);
    assert.ok(
      symbols[1].range.contains(drKind) && !symbols[0].range.contains(drKind),
      'each symbol spans its own document',
    );
  });
});
