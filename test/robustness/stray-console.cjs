// Preloaded into the server (NODE_OPTIONS=--require) by faults.test.ts: once the server is up, every
// console method that writes to stdout by default is called, as a careless dependency might.
setTimeout(
  () => {
    console.log('stray console.log');
    console.info('stray console.info');
    console.debug('stray console.debug');
    console.dir({ stray: 'console.dir' });
    console.table([{ stray: 'console.table' }]);
    console.group('stray console.group');
    console.groupEnd();
    console.count('stray console.count');
    console.time('stray');
    console.timeLog('stray');
    console.timeEnd('stray');
    console.warn('stray console.warn');
    console.error('stray console.error');
  },
  Number(process.env.STRAY_CONSOLE_DELAY_MS || 300),
);
