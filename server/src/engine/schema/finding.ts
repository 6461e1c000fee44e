// A finding of the structural validator (validate.ts): its code, the node it sits on, and which ones stop
// the API server from running a custom resource's CEL rules.

export type SchemaCode =
  | 'unknown-field'
  | 'invalid-type'
  | 'missing-required'
  | 'invalid-enum'
  | 'invalid-format'
  | 'invalid-value'
  | 'conflicting-fields'
  | 'non-string-metadata';

export interface Finding {
  code: SchemaCode;
  node: unknown;
  message: string;
  data?: Record<string, unknown>;
  /** Lower than the rule's own severity (a duplicate only server-side apply refuses). */
  warning?: boolean;
  /** A repeated entry of a list-map or set: the node is the repeating item. */
  duplicate?: boolean;
  /** Over a maxLength, maxItems or maxProperties bound (the API server's TooLong / TooMany). */
  overMax?: boolean;
  /** An unknown field: its key and the path of the mapping that holds it. */
  field?: { key: string; path: string };
}

/**
 * The API server's blocking errors (apiextensions' hasBlockingErr): an enum, required, type or
 * max-bound violation means the object lacks the shape its CEL rules were written for, so it skips them.
 */
export function blocksCel(f: Finding): boolean {
  return (
    f.code === 'invalid-enum' || f.code === 'missing-required' || f.code === 'invalid-type' || !!f.overMax
  );
}
