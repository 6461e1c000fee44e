// Where a generator's files go. By default it writes them into the repository; with `--check` it
// writes nothing and fails (exit 1, naming each file) when a committed file differs from what it
// would write, is missing, or is an extra file in a folder the generator owns. `--root DIR` reads
// and writes the generated paths under DIR instead of the repository (tests plant stale copies there).
// The inputs always come from the repository's third_party/.
import fs from 'node:fs';
import path from 'node:path';

export function generatedOutput(repoRoot, argv = process.argv.slice(2)) {
  const check = argv.includes('--check');
  const rootArg = argv.indexOf('--root');
  const base = rootArg >= 0 ? path.resolve(argv[rootArg + 1]) : repoRoot;
  const written = new Set();
  const stale = [];
  return {
    check,
    /** Writes (or compares) one generated file; `rel` is relative to the repository root. Returns its size. */
    write(rel, content) {
      const file = path.join(base, rel);
      const bytes = Buffer.from(content);
      written.add(path.normalize(rel));
      if (check) {
        let old = null;
        try {
          old = fs.readFileSync(file);
        } catch {
          // missing: stale
        }
        if (!old || !old.equals(bytes)) stale.push(`${rel}${old ? '' : ' (missing)'}`);
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, bytes);
      }
      return bytes.length;
    },
    /**
     * Ends the run. `owned` lists folders (relative) whose files matching `pattern` all come from this
     * generator: in --check mode any other such file there is reported as extra.
     */
    finish(name, { owned = [], pattern = /\.json$/ } = {}) {
      if (!check) return;
      for (const dir of owned) {
        for (const rel of listFiles(base, dir))
          if (pattern.test(rel) && !written.has(path.normalize(rel))) stale.push(`${rel} (not generated)`);
      }
      if (stale.length) {
        console.error(`${name}: ${stale.length} generated file(s) stale; run \`node scripts/${name}.mjs\`:`);
        for (const s of stale) console.error(`  ${s}`);
        process.exit(1);
      }
      console.log(`${name}: ${written.size} generated file(s) up to date`);
    },
  };
}

/**
 * A top-level array or object as JSON source with one line per entry (a table: a change to an entry is
 * a change to its line), trailing commas allowed as TypeScript allows them.
 */
export function jsonTable(value) {
  const rows = Array.isArray(value)
    ? value.map((v) => JSON.stringify(v))
    : Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${rows.map((r) => `  ${r},\n`).join('')}${close}`;
}

function listFiles(base, dir) {
  const abs = path.join(base, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(base, path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
