// Hostile and fuzzed inputs must terminate. This bound is not a performance budget (unit tests assert
// no timings; `npm run bench` measures speed): it only catches runaway work, such as an exponential
// blow-up, which exceeds it by orders of magnitude on any machine, loaded or not.
export const HANG_GUARD_MS = 30_000;

/** Fails when `ms` shows runaway work. */
export function assertTerminated(ms: number, what: string): void {
  if (ms >= HANG_GUARD_MS) throw new Error(`${what}: took ${ms.toFixed(0)} ms (runaway work)`);
}
