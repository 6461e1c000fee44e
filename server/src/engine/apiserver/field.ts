// Kubernetes' field.ErrorList (k8s.io/apimachinery/pkg/util/validation/field): the error types, the
// constructors and the exact text of `Error()`, so messages read as `kubectl apply` prints them.
import type { FixData } from '../model/diagnostic';
import { goQuote } from '../util/goQuote';
import { sortedJson } from '../util/json';
import type { V } from './value';

export type ErrorType =
  | 'Invalid'
  | 'Required'
  | 'Duplicate'
  | 'NotSupported'
  | 'NotFound'
  | 'Forbidden'
  | 'TooLong'
  | 'TooMany'
  | 'TypeInvalid';

/** ErrorType.String(). */
const TYPE_TEXT: Record<ErrorType, string> = {
  Invalid: 'Invalid value',
  Required: 'Required value',
  Duplicate: 'Duplicate value',
  NotSupported: 'Unsupported value',
  NotFound: 'Not found',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  TypeInvalid: 'Invalid value',
};

/** The value is not printed (Go's omitValue). */
export const OMIT = Symbol('omit');

export interface FieldError {
  type: ErrorType;
  /** field.Path.String(): `spec.ports[0].port`, `metadata.labels[app]`. */
  field: string;
  value: unknown;
  detail: string;
  /** The YAML node the diagnostic's range covers. */
  node: unknown;
  /**
   * For a field that is absent, the map that lacks it; for an error Kubernetes reports at a list about one
   * of its items (validateEnvFrom's `field.Invalid(fldPath, ...)`), that item.
   */
  holder?: unknown;
  data?: FixData;
  /** A decoding error printed as is (the request fails before field validation). */
  raw?: string;
}

/** A value Go prints through its String() method, unquoted (intstr.IntOrString). */
export class Stringer {
  constructor(readonly text: string) {}
}

/** Go's `%v`/`%q` of a bad value; objects and lists as JSON (keys sorted, as json.Marshal sorts maps). */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Stringer) return v.text;
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return sortedJson(v);
}

/** field.Error.Error(). */
export function errorText(e: FieldError): string {
  if (e.raw !== undefined) return e.raw;
  let s = TYPE_TEXT[e.type];
  const valueShown = !['Required', 'Forbidden', 'TooLong'].includes(e.type) && e.value !== OMIT;
  if (valueShown) s += `: ${formatValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return `${e.field}: ${s}`;
}

/** An ErrorList under construction; each constructor mirrors field.<Type>(path, ...). */
export class ErrorList {
  readonly errors: FieldError[] = [];

  private add(
    type: ErrorType,
    at: V,
    value: unknown,
    detail: string,
    data?: FixData,
    holder: unknown = at.exists ? undefined : at.parent?.node,
  ): void {
    this.errors.push({ type, field: at.path, value, detail, node: at.anchor(), holder, data });
  }
  invalid(at: V, value: unknown, detail: string, data?: FixData): void {
    this.add('Invalid', at, value, detail, data);
  }
  /** An Invalid at a list about one of its items, which the echo filters read as its holder. */
  invalidItem(at: V, item: V, value: unknown, detail: string): void {
    this.add('Invalid', at, value, detail, undefined, item.node);
  }
  /** One Invalid per message, as the validators append `field.Invalid(path, v, msg)` in a loop. */
  invalidAll(at: V, value: unknown, msgs: readonly string[]): void {
    for (const m of msgs) this.invalid(at, value, m);
  }
  required(at: V, detail = ''): void {
    this.add('Required', at, '', detail);
  }
  duplicate(at: V, value: unknown, data?: FixData): void {
    this.add('Duplicate', at, value, '', data);
  }
  notSupported(at: V, value: unknown, valid: readonly string[]): void {
    this.add(
      'NotSupported',
      at,
      value,
      valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '',
    );
  }
  /** The string at `at`, reported NotSupported when it is set and not one of `valid`. */
  oneOf(at: V, valid: readonly string[]): string | undefined {
    const v = at.str();
    if (v !== undefined && !valid.includes(v)) this.notSupported(at, v, valid);
    return v;
  }
  notFound(at: V, value: unknown): void {
    this.add('NotFound', at, value, '');
  }
  forbidden(at: V, detail: string): void {
    this.add('Forbidden', at, '', detail);
  }
  tooLong(at: V, maxBytes: number): void {
    this.add('TooLong', at, '', `may not be more than ${maxBytes} bytes`);
  }
  /** The decoder's error, printed as is (the request fails before field validation). */
  decode(at: V, message: string): void {
    this.raw(at, message);
  }
  /** A refusal outside field validation (the storage's), printed as is. */
  refused(at: V, message: string, data?: FixData): void {
    this.raw(at, message, data);
  }
  private raw(at: V, message: string, data?: FixData): void {
    this.errors.push({
      type: 'Invalid',
      field: at.path,
      // Neither printed (the message is raw): a placeholder's finding is told apart by them.
      value: at.scalar() ?? OMIT,
      detail: message,
      node: at.anchor(),
      raw: message,
      ...(data ? { data } : {}),
    });
  }
  tooMany(at: V, actual: number, max: number): void {
    this.add('TooMany', at, actual, `must have at most ${max} items`);
  }
}
