import { it } from 'node:test';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';
import fs from 'node:fs';
it('scratch', () => {
  const text = fs.readFileSync(process.env.SCRATCH!, 'utf8');
  const t0 = performance.now();
  const f = parseFile('file:///x.yaml', text);
  const d = checkFile(f, testEnv());
  const t1 = performance.now();
  for (const x of d) console.log(`${x.range.start.line + 1}:${x.range.start.character + 1}-${x.range.end.line + 1}:${x.range.end.character + 1} ${x.severity} ${x.code} ${x.message} ${x.data ? JSON.stringify(x.data) : ''}`);
  console.log('ms', (t1 - t0).toFixed(1));
});
