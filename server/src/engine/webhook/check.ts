// How the networking validators report (a root-path view of collect.ts's Collector) and read the
// decoded spec (protojson's notion of set fields, defensive readers).
import { arr, obj, str } from '../util/json';
import { Collector, isSet } from './collect';
import type { WebhookFinding, WebhookInput } from './types';

export type Path = readonly (string | number)[];

/**
 * The networking validators' view of a Collector: paths from the document root (metadata too), path
 * first. Node placement lives in the Collector.
 */
export class Check {
  private readonly root: Collector;

  constructor(
    readonly input: WebhookInput,
    private readonly out: WebhookFinding[],
  ) {
    this.root = new Collector((p) => input.nodeAt(p), out);
  }

  /** A Collector with paths below `spec`, for the checks shared with the other kinds. */
  spec(): Collector {
    return new Collector(this.input, this.out);
  }

  error(path: Path, message: string | null | undefined, data?: Record<string, unknown>): void {
    if (message) this.root.error(message, path, data);
  }

  errors(path: Path, messages: readonly string[]): void {
    for (const m of messages) this.root.error(m, path);
  }

  warn(path: Path, message: string | null | undefined, data?: Record<string, unknown>): void {
    if (message) this.root.warning(message, path, data);
  }

  /** How many findings are reported so far: a mark for `quietSince`. */
  get reported(): number {
    return this.out.length;
  }

  /**
   * Makes the `message` warnings reported since `mark` information saying `note`: Istio warns of them,
   * but what istiod does with the object shows them harmless (a deliberate difference, README).
   */
  quietSince(mark: number, message: string, note: string): void {
    for (const f of this.out.slice(mark))
      if (f.severity === 'warning' && f.message === message) f.data = { ...f.data, advisory: true, note };
  }
}

/** Present and not null: how a message field reads as set after protojson decoding. */
export const has = (o: Record<string, unknown>, k: string): boolean => isSet(o[k]);
/** A repeated field's items; a scalar or mapping where a list belongs reads as empty. */
export const list = (v: unknown): unknown[] => arr(v);
/** A map<string, V> field. */
export const entries = (v: unknown): [string, unknown][] => Object.entries(obj(v));
/** A string field (absent or not a string: ""). */
export const s = (v: unknown): string => (typeof v === 'string' ? v : str(v));
/** An integer field (absent: 0). */
export const n = (v: unknown): number => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return 0;
};
/** A google.protobuf wrapper (UInt32Value...): JSON holds the bare value. */
export const wrapped = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : n(v));
export const bool = (v: unknown): boolean => v === true || v === 'true';
