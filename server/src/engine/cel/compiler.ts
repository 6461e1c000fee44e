// Compiles CEL rules once per distinct expression text (parse + plan) and caches the program for the
// life of the process: typing in the editor only evaluates.
import { celEnv, CelScalar, isCelError, parse, plan, type CelValue } from '@bufbuild/cel';
import { K8S_FUNCS } from './k8s-library';

const ENV = celEnv({ variables: { self: CelScalar.DYN }, funcs: [...K8S_FUNCS] });

export type Program = (self: unknown) => { value: CelValue } | { error: string };

export interface Compiled {
  program?: Program;
  error?: string;
}

const cache = new Map<string, Compiled>();
let compiledCount = 0;

/** Transition rules compare with the stored object; an offline file has none, so they are skipped. */
export function isTransitionRule(expr: string): boolean {
  return /\boldSelf\b/.test(expr);
}

export function compile(expr: string): Compiled {
  let c = cache.get(expr);
  if (c) return c;
  try {
    const run = plan(ENV, parse(expr)) as (ctx: Record<string, unknown>) => unknown;
    compiledCount++;
    c = {
      program: (self) => {
        try {
          const r = run({ self });
          return isCelError(r) ? { error: r.message } : { value: r as CelValue };
        } catch (e) {
          return { error: e instanceof Error ? e.message : String(e) };
        }
      },
    };
  } catch (e) {
    c = { error: e instanceof Error ? e.message : String(e) };
  }
  cache.set(expr, c);
  return c;
}

/** How many distinct expressions have been compiled in this process (for reports and tests). */
export function compiledRuleCount(): number {
  return compiledCount;
}
