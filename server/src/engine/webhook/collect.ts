// A validator's findings, built the way Istio builds its Validation (errors and warnings appended in
// order), each placed on the YAML node of the field it is about.
import { isMap, isScalar, type Node } from 'yaml';
import type { WebhookFinding, WebhookInput } from './types';
import { arr, obj } from '../util/json';

/** A JSON path below the validated value (`spec`, or a mesh config's root): ['rules', 0, 'from']. */
export type SpecPath = readonly (string | number)[];

export class Collector {
  private readonly nodeAt: (path: SpecPath) => Node | undefined;

  constructor(
    /** The resource (paths are below its `spec`), or a node lookup from the validated value's root. */
    input: WebhookInput | ((path: SpecPath) => Node | undefined),
    private readonly out: WebhookFinding[],
    /** Istio's prefix on every error (AuthorizationPolicy: "invalid policy <name>.<namespace>: "). */
    private readonly errorPrefix = '',
  ) {
    this.nodeAt = typeof input === 'function' ? input : (path) => input.nodeAt(['spec', ...path]);
  }

  /** The same findings list and node lookup with another error prefix (Go's multierror.Prefix). */
  prefixed(prefix: string): Collector {
    return new Collector(this.nodeAt, this.out, this.errorPrefix + prefix);
  }

  error(message: string, path?: SpecPath, data?: Record<string, unknown>): void {
    this.push({ severity: 'error', message: this.errorPrefix + message }, path, data);
  }

  warning(message: string, path?: SpecPath, data?: Record<string, unknown>): void {
    this.push({ severity: 'warning', message }, path, data);
  }

  private push(f: WebhookFinding, path: SpecPath | undefined, data?: Record<string, unknown>): void {
    const onValue = path !== undefined && isScalar(this.nodeAt(path));
    this.out.push({
      ...f,
      node: this.node(path),
      ...(onValue ? { onValue } : {}),
      ...(data ? { data } : {}),
    });
  }

  /**
   * The deepest node of `path` that exists (a missing field is reported on its parent); a mapping or
   * list value is replaced by its key, so the squiggle stays on one line.
   */
  private node(path?: SpecPath): WebhookFinding['node'] {
    if (!path) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = this.nodeAt(path.slice(0, n));
      if (!node) continue;
      const last = path[n - 1];
      if (isScalar(node) || typeof last !== 'string') return node;
      const parent = this.nodeAt(path.slice(0, n - 1));
      const pair = isMap(parent)
        ? parent.items.find((p) => isScalar(p.key) && p.key.value === last)
        : undefined;
      return pair && isScalar(pair.key) ? pair.key : node;
    }
    return undefined;
  }
}

/** Go's hashicorp/go-multierror text for an error list wrapped into another message with %v. */
export function multiErrorText(messages: readonly string[]): string {
  const head = messages.length === 1 ? '1 error occurred:' : `${messages.length} errors occurred:`;
  return `${head}\n${messages.map((m) => `\t* ${m}`).join('\n')}\n\n`;
}

/** A value YAML gave (null and absent are both "unset" to protojson). */
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** `check` on each set item of the list at `field` (Go ranges over its non-nil messages). */
export function forEachSet(
  list: unknown,
  field: string,
  check: (item: Record<string, unknown>, at: SpecPath) => void,
): void {
  arr(list).forEach((item, i) => {
    if (isSet(item)) check(obj(item), [field, i]);
  });
}
