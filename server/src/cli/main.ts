// istio-lens: the command-line front end. Thin: argument handling and I/O around the engine.
import { runCheck, CHECK_USAGE } from './check';
import { runInject, runUninject } from './inject';
import { processIO, UsageError, type CliIO } from './io';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';

const USAGE = `istio-lens ${VERSION}: validate, analyze and inject Istio manifests offline

${CHECK_USAGE}
usage: istio-lens inject -f FILE|- [-o FILE] [--set PATH=VALUE]... [--operator-file FILE] [--mesh-config FILE]
                         [--injection-config FILE] [--values FILE] [--native-sidecars auto|true|false]
usage: istio-lens uninject -f FILE|- [-o FILE]
usage: istio-lens-server --stdio     (the language server, for any LSP client)
`;

export function main(argv: string[], io: CliIO = processIO): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'check':
        return runCheck(rest, io, VERSION);
      case 'inject':
        return runInject(rest, io);
      case 'uninject':
        return runUninject(rest, io);
      case '--version':
      case 'version':
        io.stdout(VERSION + '\n');
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${cmd}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`istio-lens: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
