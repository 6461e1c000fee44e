// Compiled schema nodes: raw OpenAPI v3 schemas with refs resolved and allOf merged, built lazily
// (a node's children are compiled on first use) and cached per raw object, so recursive schemas
// (JSONSchemaProps) and large bundles cost only what a document actually touches.
import { arr, isObj, objs } from '../util/json';
import type { RawSchema } from './bundle';
import { SafeRegex } from './safeRegex';

// Type bits: a schema node's `types` is a set of these (a plain number, so masks and bits compare freely).
export const T = {
  Object: 1,
  Array: 2,
  String: 4,
  Integer: 8,
  Number: 16,
  Boolean: 32,
} as const;
export const ANY_TYPE = 63;

export interface SchemaResolver {
  /** The raw schema a ref names, with the file it lives in (for its own relative refs). */
  resolve(ref: string, fromFile: string): { raw: RawSchema; file: string } | undefined;
}

const TYPE_BITS: Record<string, number> = {
  object: T.Object,
  array: T.Array,
  string: T.String,
  integer: T.Integer,
  number: T.Number,
  boolean: T.Boolean,
};
const MAX_MERGE = 16;

export class SchemaNode {
  /** Allowed JSON types; ANY_TYPE when unconstrained. */
  types = ANY_TYPE;
  description: string | undefined;
  format: string | undefined;
  enumValues: unknown[] | undefined;
  required: string[] = [];
  nullable = false;
  preserveUnknown = false;
  intOrString = false;
  /** CRD schemas: an object without properties prunes (rejects) every field; built-in ones are free-form. */
  strictEmpty = false;
  /** From a CRD (the API server validates it structurally: a null list item is an error there). */
  crd = false;
  /**
   * Read by Go's encoding/json into Go types, as istioctl reads an IstioOperator (`schemas/istioctl/`) and
   * kustomize a kustomization (`schemas/kustomize/`):
   * unknown fields are errors (DisallowUnknownFields), but a key matches a field whatever its case, and
   * nothing is required, bounded in count or unique in a list (Go structs check none of it).
   */
  goJson = false;
  listType: string | undefined;
  listMapKeys: string[] | undefined;
  minimum: number | undefined;
  maximum: number | undefined;
  exclusiveMinimum = false;
  exclusiveMaximum = false;
  minLength: number | undefined;
  maxLength: number | undefined;
  minItems: number | undefined;
  maxItems: number | undefined;
  minProperties: number | undefined;
  maxProperties: number | undefined;
  patternSource: string | undefined;
  defaultValue: unknown;
  /** Value-level combinators (oneOf/anyOf/not), kept raw and evaluated on demand. */
  combinators: { kind: 'oneOf' | 'anyOf' | 'not'; branches: RawSchema[]; file: string }[] = [];
  hasCel = false;

  // Raw children with the bundle file they come from (a ref may lead into another file).
  private rawProps: [string, RawSchema, string][] = [];
  private rawAdditional: RawSchema | boolean | undefined;
  private additionalFile = '';
  private rawItems: [RawSchema, string] | undefined;
  private props: Map<string, SchemaNode> | undefined;
  private additional: SchemaNode | boolean | undefined | null = null;
  private itemsNode: SchemaNode | undefined | null = null;
  private pattern: SafeRegex | null | undefined;
  private combNodes: { kind: 'oneOf' | 'anyOf' | 'not'; nodes: SchemaNode[] }[] | undefined;

  constructor(
    private readonly c: Compiler,
    readonly file: string,
  ) {}

  /** Declared property names, in schema order. */
  propertyNames(): string[] {
    return [...new Set(this.rawProps.map(([k]) => k))];
  }
  hasProperties(): boolean {
    return this.rawProps.length > 0;
  }

  property(name: string): SchemaNode | undefined {
    if (!this.props) {
      this.props = new Map();
      for (const [k, raw, file] of this.rawProps)
        if (!this.props.has(k)) this.props.set(k, this.c.compile(raw, file));
    }
    return this.props.get(name);
  }

  /** additionalProperties: a schema, true (anything), or undefined (not allowed / not declared). */
  additionalProperties(): SchemaNode | boolean | undefined {
    if (this.additional === null) {
      const a = this.rawAdditional;
      this.additional = typeof a === 'object' ? this.c.compile(a, this.additionalFile) : a;
    }
    return this.additional;
  }

  items(): SchemaNode | undefined {
    if (this.itemsNode === null)
      this.itemsNode = this.rawItems ? this.c.compile(this.rawItems[0], this.rawItems[1]) : undefined;
    return this.itemsNode;
  }

  /** The schema for the value of `key` in an object of this schema, or undefined when unknown. */
  child(key: string): SchemaNode | undefined {
    const p = this.property(key);
    if (p) return p;
    const a = this.additionalProperties();
    return typeof a === 'object' ? a : undefined;
  }

  /** Does an unknown key pass here? (additionalProperties or preserve-unknown-fields or a free-form object). */
  allowsUnknown(): boolean {
    const a = this.additionalProperties();
    if (a !== undefined && a !== false) return true;
    if (this.preserveUnknown) return true;
    return !this.hasProperties() && !this.strictEmpty && a === undefined;
  }

  /** The oneOf/anyOf/not branches, compiled. */
  combinatorNodes(): { kind: 'oneOf' | 'anyOf' | 'not'; nodes: SchemaNode[] }[] {
    return (this.combNodes ??= this.combinators.map((c) => ({
      kind: c.kind,
      nodes: c.branches.map((b) => this.c.compile(b, c.file)),
    })));
  }

  /** The pattern as a linear-time matcher (null: none, or syntax we cannot run safely). */
  regex(): SafeRegex | null {
    if (this.pattern === undefined)
      this.pattern =
        this.patternSource === undefined ? null : (SafeRegex.compile(this.patternSource) ?? null);
    return this.pattern;
  }

  /** @internal merge one raw schema (and its allOf/$ref chain) into this node. */
  absorb(raw: RawSchema, file: string, budget: { n: number }): void {
    if (budget.n-- <= 0) return;
    if (typeof raw.$ref === 'string') {
      const r = this.c.resolver.resolve(raw.$ref, file);
      if (r) this.absorb(r.raw, r.file, budget);
    }
    for (const part of objs(raw.allOf)) this.absorb(part, file, budget);
    if (typeof raw.type === 'string' && TYPE_BITS[raw.type]) this.types &= TYPE_BITS[raw.type];
    // A ref's siblings (description, default) describe the use site: the outermost wins.
    if (typeof raw.description === 'string') this.description = raw.description;
    if (typeof raw.format === 'string') this.format ??= raw.format;
    if (Array.isArray(raw.enum)) this.enumValues = raw.enum;
    for (const r of arr(raw.required))
      if (typeof r === 'string' && !this.required.includes(r)) this.required.push(r);
    if (raw.nullable === true) this.nullable = true;
    if (raw['x-kubernetes-preserve-unknown-fields'] === true) this.preserveUnknown = true;
    if (raw['x-kubernetes-int-or-string'] === true || raw.format === 'int-or-string') this.intOrString = true;
    if (raw['x-kubernetes-validations']) this.hasCel = true;
    if (typeof raw['x-kubernetes-list-type'] === 'string') this.listType = raw['x-kubernetes-list-type'];
    if (Array.isArray(raw['x-kubernetes-list-map-keys']))
      this.listMapKeys = arr(raw['x-kubernetes-list-map-keys']).filter((k) => typeof k === 'string');
    if (typeof raw.minimum === 'number') {
      this.minimum = raw.minimum;
      this.exclusiveMinimum = raw.exclusiveMinimum === true;
    }
    if (typeof raw.maximum === 'number') {
      this.maximum = raw.maximum;
      this.exclusiveMaximum = raw.exclusiveMaximum === true;
    }
    if (typeof raw.minLength === 'number') this.minLength = raw.minLength;
    if (typeof raw.maxLength === 'number') this.maxLength = raw.maxLength;
    if (typeof raw.minItems === 'number') this.minItems = raw.minItems;
    if (typeof raw.maxItems === 'number') this.maxItems = raw.maxItems;
    if (typeof raw.minProperties === 'number') this.minProperties = raw.minProperties;
    if (typeof raw.maxProperties === 'number') this.maxProperties = raw.maxProperties;
    if (typeof raw.pattern === 'string') this.patternSource = raw.pattern;
    if (raw.default !== undefined && typeof raw.default !== 'object') this.defaultValue = raw.default;
    if (isObj(raw.properties)) {
      for (const [k, v] of Object.entries(raw.properties)) if (isObj(v)) this.rawProps.push([k, v, file]);
    }
    const additional = raw.additionalProperties;
    if (typeof additional === 'boolean' || isObj(additional)) {
      this.rawAdditional = additional;
      this.additionalFile = file;
    }
    if (isObj(raw.items)) this.rawItems = [raw.items, file];
    for (const kind of ['oneOf', 'anyOf'] as const) {
      const list = raw[kind];
      if (!Array.isArray(list)) continue;
      // `oneOf: [{type: integer}, {type: string}]` (IntOrString, Quantity) is a type union, not a constraint.
      const branches = objs(list);
      if (branches.length === list.length && list.length && branches.every((b) => isTypeOnly(b))) {
        let bits = 0;
        for (const b of branches) bits |= (typeof b.type === 'string' && TYPE_BITS[b.type]) || 0;
        if (bits) this.types &= bits;
      } else {
        this.combinators.push({ kind, branches, file });
      }
    }
    if (isObj(raw.not)) this.combinators.push({ kind: 'not', branches: [raw.not], file });
    if (this.intOrString) this.types &= T.Integer | T.String | (this.types & T.Number ? T.Number : 0);
  }
}

export class Compiler {
  private readonly cache = new WeakMap<RawSchema, SchemaNode>();
  constructor(readonly resolver: SchemaResolver) {}

  compile(raw: RawSchema, file: string): SchemaNode {
    let n = this.cache.get(raw);
    if (n) return n;
    n = new SchemaNode(this, file);
    n.crd = n.strictEmpty = file.startsWith('crds/');
    n.goJson = file.startsWith('istioctl/') || file.startsWith('kustomize/');
    this.cache.set(raw, n);
    n.absorb(raw, file, { n: MAX_MERGE });
    if (n.intOrString) n.types = T.Integer | T.String;
    return n;
  }
}

export function typeNames(bits: number): string {
  if (bits === ANY_TYPE) return 'any';
  const names: string[] = [];
  for (const [name, bit] of Object.entries(TYPE_BITS)) if (bits & bit) names.push(name);
  if (bits & T.Integer && bits & T.Number) names.splice(names.indexOf('integer'), 1);
  return names.join(' or ');
}

const isTypeOnly = (b: RawSchema): boolean => Object.keys(b).every((k) => k === 'type');
