// Preloaded into a server by the memory benchmark (with --expose-gc): on SIGUSR2, runs a full GC and
// reports the live heap and the RSS on stderr, to tell live data from not-yet-collected garbage.
'use strict';
process.on('SIGUSR2', () => {
  global.gc();
  global.gc();
  const m = process.memoryUsage();
  process.stderr.write(
    `ISTIO_LENS_BENCH_MEM ${JSON.stringify({ rss: m.rss / 2 ** 20, heapUsed: m.heapUsed / 2 ** 20 })}\n`,
  );
});
