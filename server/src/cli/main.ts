// istio-lens: the command-line front end. Thin: argument handling and I/O around the engine.
import { runCheck, CHECK_USAGE } from './check';
import { runInject, runUninject } from './inject';
import { processIO, UsageError, type CliIO } from './io';

import { version as VERSION } from '../../../package.json';

const USAGE = `istio-lens ${VERSION}: validate, analyze and inject Istio manifests offline

${CHECK_USAGE}
usage: istio-lens inject -f FILE|- [-o FILE] [--set PATH=VALUE]... [--operator-file FILE] [--mesh-config FILE]
                         [--injection-config FILE] [--values FILE] [--native-sidecars auto|true|false]
usage: istio-lens uninject -f FILE|- [-o FILE]
usage: istio-lens-server --stdio     (the language server, for any LSP client)
usage: istio-lens --version

istio-lens COMMAND --help describes a command.
Exit codes: 0 success (check: no errors); 1 check found errors, or inject/uninject failed;
2 usage, settings or I/O error.
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
