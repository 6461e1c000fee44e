// Reads what trap.cjs recorded, and runs things under it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';

export const TRAP = path.join(repoRoot, 'test', 'security', 'trap.cjs');

export interface TrapEntry {
  kind: 'net' | 'dns' | 'exec' | 'read';
  what: string;
  detail: string;
  pid: number;
}

export function newTrapLog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-trap-'));
  return path.join(dir, 'trap.jsonl');
}

export function readTrapLog(log: string): TrapEntry[] {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TrapEntry);
}

/** Attempts to reach the network or run a program. */
export const attempts = (es: TrapEntry[]): TrapEntry[] => es.filter((e) => e.kind !== 'read');

/** File reads outside the given roots (paths resolved through symlinks where they exist). */
export function readsOutside(es: TrapEntry[], roots: string[]): string[] {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rs = roots.map(real);
  return es
    .filter((e) => e.kind === 'read' && !e.detail.startsWith('fd:'))
    .map((e) => e.detail)
    .filter((p) => !rs.some((r) => real(p) === r || real(p).startsWith(r + path.sep)));
}
