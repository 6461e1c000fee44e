// The CLI bundle's entry (dist/cli-main.js): launch.ts, the `istio-lens` executable, runs it with V8's
// code cache and the V8 flags a check runs under.
import { main } from './main';

process.exitCode = main(process.argv.slice(2));
