// Node flags of the language server process, the one list every launcher passes: the extension
// (languageClient.ts), the bin's shebang (scripts/build.mjs) and the benchmark (scripts/bench.mjs).
// A small young generation: the server allocates in short bursts per edit, and V8's default 16 MB
// semi-spaces only show up as resident memory (500 open files: 165 to 227 MB without, 151 to 182 MB
// with, npm run bench). V8 reads heap flags when the heap is made, so they must be on node's command
// line; set at run time they do nothing.
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=2'];
