// Positions the client can show, whatever the line ends: found by the fuzz test (an error reported
// on the \r of a CRLF ended "one past" the line).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/parse/lineIndex';
import { lineLengths } from './invariants';

const CASES: { name: string; text: string; offset: number; expect: { line: number; character: number } }[] = [
  { name: 'on the \\n of a CRLF', text: 'ab\r\ncd', offset: 3, expect: { line: 0, character: 2 } },
  { name: 'on the \\r of a CRLF', text: 'ab\r\ncd', offset: 2, expect: { line: 0, character: 2 } },
  { name: 'after a CRLF', text: 'ab\r\ncd', offset: 4, expect: { line: 1, character: 0 } },
  {
    name: 'on the \\n of an empty CRLF line',
    text: 'a\n\r\nb',
    offset: 3,
    expect: { line: 1, character: 0 },
  },
  { name: 'lone CR', text: 'ab\rcd', offset: 3, expect: { line: 1, character: 0 } },
  { name: 'LF', text: 'ab\ncd', offset: 2, expect: { line: 0, character: 2 } },
  { name: 'past the end', text: 'ab\r\n', offset: 99, expect: { line: 1, character: 0 } },
  { name: 'surrogate pair counts two', text: '😀x', offset: 3, expect: { line: 0, character: 3 } },
];

describe('LineIndex.positionAt', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const p = new LineIndex(c.text).positionAt(c.offset);
      assert.deepEqual(p, c.expect);
      assert.ok(p.character <= lineLengths(c.text)[p.line]);
    });
  }
  it('every offset of a mixed text maps inside its line', () => {
    const text = 'a\r\n\r\nbc\rd\n\ne\r\n';
    const idx = new LineIndex(text);
    const lens = lineLengths(text);
    assert.equal(idx.lineCount, lens.length);
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      assert.ok(p.character <= lens[p.line], `offset ${o} → ${JSON.stringify(p)}`);
    }
  });
});
