// `npm run bench`: Istio Lens against its targets (issue 6) and against Red Hat's yaml-language-server,
// on the same generated files, in the same run. Prints a table and writes bench/results.md.
//   BENCH_QUICK=1 npm run bench          fewer repetitions (a smoke run)
//   npm run bench -- --only=latency,cli,monorepo,memory,index
// Not a test: nothing here asserts; every figure is printed beside its target.
import { spawnSync } from 'node:child_process';
import { requireTs } from './lib/require-ts.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildForBench } from '../bench/lib/build.mjs';
import { manifest, monorepo, smallFiles, sourceDocuments, writeWorkspace } from '../bench/lib/inputs.mjs';
import { BenchClient, typingLatency } from '../bench/lib/lsp.mjs';
import { buildYlsSchema } from '../bench/lib/ylsSchema.mjs';
import { median, ms, p90, ratio } from '../bench/lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, 'bench', '.work');
const QUICK = process.env.BENCH_QUICK === '1';
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = new Set(
  onlyArg ? onlyArg.slice(7).split(',') : ['latency', 'cli', 'monorepo', 'memory', 'index'],
);
const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const require = createRequire(import.meta.url);

// ---- machine, build, inputs -------------------------------------------------------------------
const machine = {
  nproc: os.availableParallelism?.() ?? os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memGB: (os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  commit:
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() ||
    'unknown',
  dirty: spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout.trim()
    ? ' (with uncommitted changes)'
    : '',
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  loadStart: os.loadavg()[0].toFixed(1),
  yls: require('yaml-language-server/package.json').version,
};
log(`machine: ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}`);
const dist = await buildForBench(root, path.join(work, 'dist'));
const docs = sourceDocuments(root);
const SIZES = [
  { label: '2k', lines: 2_000 },
  { label: '20k', lines: 20_000 },
  { label: '100k', lines: 100_000 },
];
const inputs = SIZES.map((s) => {
  const text = manifest(docs, s.lines);
  const file = path.join(work, 'inputs', `manifest-${s.label}.yaml`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return { ...s, file, text, lineCount: text.split('\n').length, docCount: text.split('\n---\n').length };
});
const ylsSchemaFile = path.join(work, 'yls-schema.json');
const ylsSchemaInfo = buildYlsSchema(root, ylsSchemaFile);
log(
  `inputs: ${inputs.map((i) => `${i.label}=${i.lineCount} lines/${i.docCount} docs`).join(', ')} from ${docs.length} source documents`,
);

// ---- the two servers ---------------------------------------------------------------------------
// Our server runs with the node flags every launcher gives it (client/src/serverFlags.ts);
// BENCH_SERVER_NODE_ARGS adds more (e.g. to try V8 heap settings).
const { SERVER_EXEC_ARGV } = await requireTs(root, 'client/src/serverFlags.ts', 'bench-flags');
const serverNodeArgs = [
  ...SERVER_EXEC_ARGV,
  ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
];
const OURS = {
  name: 'istio-lens',
  cmd: process.execPath,
  args: [...serverNodeArgs, dist.server, '--stdio'],
  configuration: (s) => (s === 'istioLens' ? {} : null),
};
const ylsSettings = {
  validate: true,
  hover: false,
  completion: false,
  format: { enable: false },
  schemas: { [`file://${ylsSchemaFile}`]: ['*.yaml'] },
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false }, // no network
};
const YLS = {
  name: 'yaml-language-server',
  cmd: process.execPath,
  args: [path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
  configuration: (s) =>
    s === 'yaml' ? ylsSettings : s === 'http' ? { proxy: '', proxyStrictSSL: false } : {},
};
async function session(spec, fn, folder = null) {
  const c = new BenchClient(spec);
  try {
    await c.initialize(folder);
    return await fn(c);
  } finally {
    await c.shutdown();
  }
}

const rows = [];
const row = (r) => {
  rows.push(r);
  log(
    `  ${r.measure} [${r.size}]: ${r.ours} | ${r.other ?? ''} | ${r.ratio ?? ''} | target ${r.target} ${r.met ?? ''}`,
  );
};
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'MISSED');
/** A row of our time against the other's (ms) and their ratio; `ok` undefined: reported, no verdict. */
const timed = (measure, size, ours, other, target, ok) =>
  row({
    measure,
    size,
    ours: ms(ours),
    other: ms(other),
    ratio: ratio(ours, other),
    target,
    met: verdict(ok),
  });

// ---- (a) typing latency ------------------------------------------------------------------------
const latency = {};
if (only.has('latency')) {
  const plan = {
    '2k': { edits: QUICK ? 6 : 20, ylsEdits: QUICK ? 4 : 12, runs: QUICK ? 1 : 3, ylsRuns: QUICK ? 1 : 3 },
    '20k': { edits: QUICK ? 4 : 12, ylsEdits: QUICK ? 2 : 6, runs: QUICK ? 1 : 3, ylsRuns: QUICK ? 1 : 2 },
    '100k': { edits: QUICK ? 2 : 6, ylsEdits: QUICK ? 1 : 3, runs: QUICK ? 1 : 2, ylsRuns: 1 },
  };
  for (const input of inputs) {
    const p = plan[input.label];
    for (const [spec, edits, runs] of [
      [OURS, p.edits, p.runs],
      [YLS, p.ylsEdits, p.ylsRuns],
    ]) {
      const runMedians = [],
        all = [],
        opens = [];
      for (let r = 0; r < runs; r++) {
        log(`latency ${spec.name} ${input.label} run ${r + 1}/${runs}`);
        try {
          const res = await session(spec, (c) =>
            typingLatency(c, `file://${work}/inputs/live-${input.label}.yaml`, input.text, {
              edits,
              warmup: 2,
              timeoutMs: 900_000,
            }),
          );
          runMedians.push(median(res.samples));
          all.push(...res.samples);
          opens.push(res.openMs);
        } catch (e) {
          log(`  failed: ${e.message}`);
        }
      }
      latency[`${spec.name}/${input.label}`] = {
        median: median(runMedians),
        p90: p90(all),
        open: median(opens),
        n: all.length,
      };
    }
    const o = latency[`istio-lens/${input.label}`],
      y = latency[`yaml-language-server/${input.label}`];
    const target = input.label === '2k' ? 50 : input.label === '20k' ? 500 : undefined;
    timed(
      '(a) edit → diagnostics, median',
      `${input.label} (${input.lineCount} lines)`,
      o.median,
      y.median,
      `${target ? `≤ ${target} ms; ` : ''}≤ 0.50× yaml-language-server`,
      (target ? o.median <= target : true) && o.median / y.median <= 0.5,
    );
    timed(
      '(a) edit → diagnostics, p90',
      `${input.label} (${input.lineCount} lines)`,
      o.p90,
      y.p90,
      '(reported)',
    );
    timed(
      '(a) open → first diagnostics',
      `${input.label} (${input.lineCount} lines)`,
      o.open,
      y.open,
      '(reported)',
    );
  }
}

// ---- (b) CLI cost ------------------------------------------------------------------------------
if (only.has('cli')) {
  const runs = QUICK ? 2 : 5;
  const wall = (args, expectOut) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    const t = performance.now() - t0;
    if ((r.status !== 0 && r.status !== 1) || !expectOut.test(r.stdout))
      throw new Error(`${args.join(' ')}: exit ${r.status}, ${r.stderr.slice(0, 500)}`);
    return t;
  };
  const engine = require(dist.engine);
  const { parseAllDocuments } = require('yaml');
  const env = engine.loadEngineEnv();
  for (const input of inputs) {
    log(`cli ${input.label}`);
    const cli = [],
      bare = [],
      inCheck = [],
      inParse = [];
    for (let r = 0; r < runs; r++) {
      cli.push(wall([dist.cli, 'check', '--format', 'json', input.file], /^\[/));
      bare.push(wall([path.join(root, 'bench', 'lib', 'bare-parse.mjs'), input.file], /documents/));
    }
    for (let r = 0; r <= runs; r++) {
      // the first of each is a warm-up
      let t0 = performance.now();
      engine.checkWorkspace([engine.parseFile(input.file, input.text)], env);
      if (r) inCheck.push(performance.now() - t0);
      t0 = performance.now();
      parseAllDocuments(input.text);
      if (r) inParse.push(performance.now() - t0);
    }
    timed(
      '(b) `istio-lens check` vs bare `yaml` parse, process wall time',
      input.label,
      median(cli),
      median(bare),
      '≤ 3.00×',
      median(cli) / median(bare) <= 3,
    );
    timed(
      '(b) in-process: parse + check + analyze vs `parseAllDocuments`',
      input.label,
      median(inCheck),
      median(inParse),
      '(reported)',
    );
  }
}

// ---- (d) platform monorepo (issue 9 §8) ---------------------------------------------------------
// 3,000 Services and Deployments over 50 namespaces, a Gateway per namespace, a VirtualService per
// service, in one file: selector and port matching must stay close to linear.
if (only.has('monorepo')) {
  const text = monorepo(3000, 50);
  const file = path.join(work, 'inputs', 'monorepo.yaml');
  fs.writeFileSync(file, text);
  const size = `monorepo (${text.split('\n---\n').length} docs, ${(text.length / 2 ** 20).toFixed(1)} MB)`;
  const runs = QUICK ? 2 : 5;
  const wall = (args) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}`);
    return performance.now() - t0;
  };
  log('monorepo cli');
  const cli = [],
    bare = [];
  for (let r = 0; r < runs; r++) {
    cli.push(wall([dist.cli, 'check', '--format', 'json', file]));
    bare.push(wall([path.join(root, 'bench', 'lib', 'bare-parse.mjs'), file]));
  }
  row({
    measure: '(d) `istio-lens check` on a platform monorepo, wall time',
    size,
    ours: ms(median(cli)),
    other: ms(median(bare)),
    ratio: ratio(median(cli), median(bare)),
    target: '≤ 3 s and ≤ 3.00× bare parse',
    met: verdict(median(cli) <= 3000 && median(cli) / median(bare) <= 3),
  });
  log('monorepo latency');
  try {
    const res = await session(OURS, (c) =>
      typingLatency(c, `file://${work}/inputs/live-monorepo.yaml`, text, {
        edits: QUICK ? 4 : 12,
        warmup: 2,
        timeoutMs: 900_000,
      }),
    );
    row({
      measure: '(d) edit → diagnostics on the monorepo, median',
      size,
      ours: ms(median(res.samples)),
      target: '≤ 100 ms',
      met: verdict(median(res.samples) <= 100),
    });
  } catch (e) {
    log(`  failed: ${e.message}`);
  }
}

// ---- (c) memory --------------------------------------------------------------------------------
const files500 = smallFiles(docs, 500);
if (only.has('memory')) {
  const probe = ['--expose-gc', '--require', path.join(root, 'bench', 'lib', 'gc-probe.cjs')];
  for (const spec0 of [OURS, YLS]) {
    const spec = { ...spec0, args: [...probe, ...spec0.args] };
    log(`memory ${spec.name}`);
    try {
      const { base, rss, afterGc } = await session(spec, async (c) => {
        await new Promise((r) => setTimeout(r, 500));
        const base = c.rssMB();
        const uris = files500.map((_, i) => `file://${work}/open500/file-${i}.yaml`);
        const all = Promise.all(uris.map((u) => c.diagnosticsFor(u, 1, 600_000)));
        files500.forEach((t, i) => c.open(uris[i], t, 1));
        await all;
        await new Promise((r) => setTimeout(r, 1000));
        const rss = c.rssMB();
        process.kill(c.proc.pid, 'SIGUSR2');
        // The handler runs when the server's event loop is next free: wait for its line, not a fixed time.
        const memLine = () => c.stderr.split('\n').find((l) => l.startsWith('ISTIO_LENS_BENCH_MEM '));
        for (let waited = 0; !memLine() && waited < 20_000; waited += 100)
          await new Promise((r) => setTimeout(r, 100));
        const line = memLine();
        return { base, rss, afterGc: line ? JSON.parse(line.slice(21)) : { rss: NaN, heapUsed: NaN } };
      });
      latency[`rss/${spec.name}`] = { base, rss, afterGc };
    } catch (e) {
      log(`  failed: ${e.message}`);
      latency[`rss/${spec.name}`] = { base: NaN, rss: NaN, afterGc: { rss: NaN, heapUsed: NaN } };
    }
  }
  const o = latency['rss/istio-lens'],
    y = latency['rss/yaml-language-server'];
  const gcText = (m) => `${m.afterGc.rss.toFixed(0)} MB (live heap ${m.afterGc.heapUsed.toFixed(0)} MB)`;
  const lines = files500.reduce((n, t) => n + t.split('\n').length, 0);
  row({
    measure: '(c) server RSS after opening 500 files',
    size: `500 files, ${lines} lines`,
    ours: `${o.rss.toFixed(0)} MB (idle ${o.base.toFixed(0)} MB)`,
    other: `${y.rss.toFixed(0)} MB (idle ${y.base.toFixed(0)} MB)`,
    ratio: ratio(o.rss, y.rss),
    target: '≤ 200 MB',
    met: verdict(o.rss <= 200),
  });
  row({
    measure: '(c) … the same, right after a full GC',
    size: '500 files',
    ours: gcText(o),
    other: gcText(y),
    ratio: ratio(o.afterGc.rss, y.afterGc.rss),
    target: '(reported)',
  });
}

// ---- (d) workspace indexing --------------------------------------------------------------------
if (only.has('index')) {
  const wsDir = path.join(work, 'ws-2000');
  const files = smallFiles(docs, 2000);
  writeWorkspace(wsDir, files);
  const runs = QUICK ? 1 : 3;
  const indexed = [],
    published = [],
    serverMs = [],
    wsLatency = [];
  for (let r = 0; r < runs; r++) {
    log(`index run ${r + 1}/${runs}`);
    try {
      const c = new BenchClient(OURS);
      const seen = new Set();
      let t0 = 0;
      const allPublished = new Promise((resolve) =>
        c.listeners.add((p, at) => {
          if (p.uri?.startsWith(`file://${wsDir}`)) {
            seen.add(p.uri);
            if (seen.size >= files.length) resolve(at);
          }
        }),
      );
      const done = c.waitFor((m) => m.method === 'istioLens/indexed', 600_000);
      t0 = performance.now();
      await c.initialize(wsDir);
      const tIndexed = await done;
      const tAll = await Promise.race([allPublished, new Promise((r) => setTimeout(() => r(NaN), 300_000))]);
      indexed.push(tIndexed - t0);
      published.push(tAll - t0);
      serverMs.push(c.notifications.get('istioLens/indexed')?.params?.ms ?? NaN);
      if (r === 0) {
        // Typing in one file of the indexed workspace: the cross-file analysis is part of each edit.
        const f = path.join(wsDir, 'team-10', 'manifest-1000.yaml');
        const res = await typingLatency(c, `file://${f}`, fs.readFileSync(f, 'utf8'), {
          edits: QUICK ? 4 : 12,
          warmup: 2,
          timeoutMs: 600_000,
        });
        wsLatency.push(...res.samples);
      }
      await c.shutdown();
    } catch (e) {
      log(`  failed: ${e.message}`);
    }
  }
  row({
    measure: '(d) index a 2,000-file workspace (read + parse every file, as the server reports it)',
    size: `2,000 files, ${files.reduce((n, t) => n + t.split('\n').length, 0)} lines`,
    ours: ms(median(serverMs)),
    other: '',
    ratio: '',
    target: '≤ 10 s',
    met: verdict(median(serverMs) <= 10_000),
  });
  row({
    measure:
      '(d) … initialize → `istioLens/indexed` received (sent once the first full cross-file analysis is published)',
    size: '2,000 files',
    ours: ms(median(indexed)),
    other: '',
    ratio: '',
    target: '(reported)',
  });
  row({
    measure: "(d) … until every file's own diagnostics (the per-file rules) are published",
    size: '2,000 files',
    ours: ms(median(published)),
    other: '',
    ratio: '',
    target: '(reported)',
  });
  row({
    measure: '(a) edit → diagnostics in the indexed 2,000-file workspace, median (p90)',
    size: '1 file of 3 resources',
    ours: `${ms(median(wsLatency))} (${ms(p90(wsLatency))})`,
    other: '',
    ratio: '',
    target: '(reported; the 2k-line target is ≤ 50 ms)',
  });
}

// ---- report ------------------------------------------------------------------------------------
const header =
  '| measure | input | istio-lens | yaml-language-server / baseline | ratio | target | |\n|---|---|---|---|---|---|---|';
const table = [
  header,
  ...rows.map(
    (r) =>
      `| ${r.measure} | ${r.size} | ${r.ours} | ${r.other ?? ''} | ${r.ratio ?? ''} | ${r.target} | ${r.met ?? ''} |`,
  ),
].join('\n');
const md = `# Benchmark results

Generated by \`npm run bench\` (scripts/bench.mjs)${QUICK ? ' in QUICK mode (fewer repetitions)' : ''}.

- **Machine:** ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}, ${machine.memGB} GB RAM, ${machine.platform}
- **Node:** ${machine.node}; yaml-language-server ${machine.yls}
- **Code:** commit ${machine.commit}${machine.dirty}, ${machine.date}
- **Load:** 1-minute load average ${machine.loadStart} at the start and ${os.loadavg()[0].toFixed(1)} at the end of the run (anything above 0 is other work sharing these CPUs; medians absorb some of it, not all)
- **Inputs:** ${inputs.map((i) => `${i.label} = ${i.lineCount} lines / ${i.docCount} documents`).join('; ')}, generated from ${docs.length} resource documents of the Istio samples and the analyzer test data (\`bench/.work/inputs/\`).

${table}

## How it is measured

- **(a)** Each server is started over stdio, opens the file, then alternately types and deletes one character in a \`name:\` value in the middle of the file (2 warm-up edits). The time runs from sending \`didChange\` to the \`publishDiagnostics\` for that version (yaml-language-server sends no version; edits are sequential, so the next publication is the one). Any debounce counts: yaml-language-server waits ${200} ms before validating; Istio Lens publishes the edited document's own diagnostics (YAML, schema, CEL, annotations) on the next tick, together with the cross-file analyzer findings when the analyzers take under 40 ms; when they take longer (the 100k-line file, large workspaces) their findings follow in a second publication once edits pause, and only the first publication is timed here. Median = median of the per-run medians; p90 over all edits pooled.
  yaml-language-server is given our generated schemas as one draft-07 schema (${ylsSchemaInfo.definitions} definitions, one \`if\`/\`then\` per served apiVersion/kind: ${ylsSchemaInfo.kinds}) through \`yaml.schemas\`, schema store and CRD store off (no network). It validates structure only; Istio Lens additionally runs duplicate-key, annotation, CEL and Istio's cross-resource analyzers on each edit.
- **(b)** Wall time of \`node dist/cli.js check --format json FILE\` against \`node bench/lib/bare-parse.mjs FILE\` (read + \`parseAllDocuments\`), both fresh processes, median of ${QUICK ? 2 : 5}. The in-process row times the engine alone (parse + rules + analyzers) against \`parseAllDocuments\` on the same text.
- **(c)** RSS (\`/proc/PID/status\` VmRSS) of the server process after opening 500 different files (3 resources each), receiving diagnostics for all of them and idling 1 s; then again right after a forced full GC (\`--expose-gc\` and \`bench/lib/gc-probe.cjs\`), with the live heap, to tell live data from garbage not yet collected.
- **(d)** A workspace of 2,000 files (3 resources each) in 20 folders. The index time is the server's own measure, carried by its \`istioLens/indexed\` notification: reading and parsing every file (in batches of 50, with work-done progress). The client-side times run from \`initialize\` to that notification's arrival (it leaves after the first full analysis has run), and to diagnostics for all 2,000 files. The last row types in one file of that workspace: each edit re-runs the cross-file analyzers over the whole workspace today.
`;
fs.writeFileSync(path.join(root, 'bench', 'results.md'), md);
process.stdout.write('\n' + table + '\n\nwritten to bench/results.md\n');
