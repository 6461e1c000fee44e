// What one analyzer run observes of the undecided namespaces, so that trial placements (placed.ts)
// run only where they could change a finding. The first placement is watched: reading an undecided
// resource's namespace, or looking up a name an undecided resource has, is recorded. A report depends
// only on what was read before it (and, within AnalysisContext.eachSubject, only on what was read
// before the loop and for its own subject), so each report carries a mark of what it could depend on.

/** What a report could depend on: any placement, or the trial namespaces of some lookups. */
export interface PlacementMark {
  readonly any: boolean;
  readonly lookups: ReadonlySet<string>;
}

const CLEAN: PlacementMark = { any: false, lookups: new Set() };
const ANY: PlacementMark = { any: true, lookups: new Set() };

/** Marks are immutable: a report keeps the one current when it was made. */
export class PlacementWatch {
  private state = CLEAN;

  reset(): void {
    this.state = CLEAN;
  }

  /** An undecided namespace was read: any trial placement may find differently. */
  readNamespace(): void {
    this.state = ANY;
  }

  /** A lookup in `ns` met a name an undecided resource has: the trial placement in `ns` may differ. */
  lookedUpIn(ns: string): void {
    const s = this.state;
    if (!s.any && !s.lookups.has(ns)) this.state = { any: false, lookups: new Set(s.lookups).add(ns) };
  }

  mark(): PlacementMark {
    return this.state;
  }

  /** Observation starts again from `m` (each subject from what was read before the loop). */
  restore(m: PlacementMark): void {
    this.state = m;
  }

  /** Adds what `m` observed (the code after a loop depends on every subject's reads). */
  merge(m: PlacementMark): void {
    if (m.any) this.state = ANY;
    else for (const ns of m.lookups) this.lookedUpIn(ns);
  }
}

/** Whether a report marked `m` could differ in the trial placement in `ns`. */
export function markMatters(m: PlacementMark, ns: string): boolean {
  return m.any || m.lookups.has(ns);
}

/** Whether a report marked `m` could differ in the trial placement in any of `namespaces` (a class's). */
export function markMattersIn(m: PlacementMark, namespaces: ReadonlySet<string>): boolean {
  if (m.any) return true;
  for (const ns of m.lookups) if (namespaces.has(ns)) return true;
  return false;
}
