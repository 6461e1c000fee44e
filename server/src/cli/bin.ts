// The `istio-lens` executable.
import v8 from 'node:v8';
import { main } from './main';

// A check is one short batch run: V8's optimizing compiler, inlining deeply into the analyzers' large
// functions, spent on its background threads about as much CPU as the check itself (on two cores, time
// the main thread then waits for), and the code it bought was no faster for a run this short. A small
// inlining budget keeps the cheap inlines (accessors, tiny helpers) and drops most of that compile work.
v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');

process.exitCode = main(process.argv.slice(2));
