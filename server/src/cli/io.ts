// The CLI's only contact with the outside world, so commands can be tested without a process.
import fs from 'node:fs';

export interface CliIO {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  stdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** An environment variable the command reads, as istioctl reads it (inject: COMPLIANCE_POLICY). */
  env?(name: string): string | undefined;
}

/** A wrong invocation or an unreadable input: exit code 2 with this message. */
export class UsageError extends Error {}

export const processIO: CliIO = {
  readFile: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${p}: ${(e as Error).message}`);
    }
  },
  writeFile: (p, t) => {
    try {
      fs.writeFileSync(p, t);
    } catch (e) {
      throw new UsageError(`cannot write ${p}: ${(e as Error).message}`);
    }
  },
  stdin: () => fs.readFileSync(0, 'utf8'),
  stdout: (t) => {
    process.stdout.write(t);
  },
  stderr: (t) => {
    process.stderr.write(t);
  },
  env: (name) => process.env[name],
};
