// Extension-host entry (exports run(), the @vscode/test-electron contract). Runs every *.e2e.js
// bundle beside it with mocha inside the real VS Code, then writes results.json for the harness,
// which checks the count against the `it(` calls in the sources: a run that executes nothing fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { writeResults, type TestResult } from './results';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.e2e.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  const tests: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { tests: 0, passes: 0, failures, pending: 0 };
      writeResults(__dirname, {
        total: runner.total,
        passes: stats.passes,
        failures: stats.failures,
        pending: stats.pending,
        tests,
      });
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
      else if (stats.passes === 0 || stats.passes < runner.total)
        reject(new Error(`only ${stats.passes} of ${runner.total} tests passed`));
      else resolve();
    });
    runner.on('test end', (t) =>
      tests.push({ title: t.fullTitle(), state: t.state ?? 'pending', ms: t.duration ?? 0 }),
    );
  });
}
