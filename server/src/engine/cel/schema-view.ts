// A merged view of one raw OpenAPI schema node as CEL validation needs it: its rules, children,
// types and defaults, with $ref and allOf followed. Cached per raw object.

import { isObj, objs } from '../util/json';

export type RawSchema = { [keyword: string]: unknown };

export interface SchemaResolver {
  /** The raw schema a ref names, with the file it lives in (for its own relative refs). */
  resolve(ref: string, fromFile: string): { raw: RawSchema; file: string } | undefined;
}

export interface RawRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
  optionalOldSelf?: boolean;
}

export interface SchemaView {
  rules: RawRule[];
  properties: Map<string, SchemaView>;
  additional?: SchemaView;
  items?: SchemaView;
  type?: string;
  intOrString: boolean;
  defaults: Map<string, unknown>;
  /** Some rule lives at this node or below it (no rule below: the walk skips the subtree). */
  hasRulesBelow: boolean;
}

const MAX_MERGE = 16;

export class SchemaViews {
  private readonly cache = new WeakMap<RawSchema, SchemaView>();
  constructor(private readonly resolver: SchemaResolver) {}

  view(raw: RawSchema, file: string): SchemaView {
    const hit = this.cache.get(raw);
    if (hit) return hit;
    const v: SchemaView = {
      rules: [],
      properties: new Map(),
      intOrString: false,
      defaults: new Map(),
      hasRulesBelow: false,
    };
    this.cache.set(raw, v); // before children: recursive schemas terminate
    const parts: [RawSchema, string][] = [];
    this.flatten(raw, file, parts, { n: MAX_MERGE });
    const childProps: [string, RawSchema, string][] = [];
    let additional: [RawSchema, string] | undefined;
    let items: [RawSchema, string] | undefined;
    for (const [p, f] of parts) {
      for (const r of objs(p['x-kubernetes-validations']))
        if (typeof r.rule === 'string') v.rules.push(r as unknown as RawRule);
      if (typeof p.type === 'string') v.type = p.type;
      if (p['x-kubernetes-int-or-string'] === true) v.intOrString = true;
      if (isObj(p.properties))
        for (const [k, c] of Object.entries(p.properties)) if (isObj(c)) childProps.push([k, c, f]);
      if (isObj(p.additionalProperties)) additional = [p.additionalProperties, f];
      if (isObj(p.items)) items = [p.items, f];
    }
    for (const [k, c, f] of childProps) {
      const cv = this.view(c, f);
      v.properties.set(k, cv);
      const d = this.defaultOf(c, f);
      if (d !== undefined) v.defaults.set(k, d);
    }
    if (additional) v.additional = this.view(additional[0], additional[1]);
    if (items) v.items = this.view(items[0], items[1]);
    v.hasRulesBelow =
      v.rules.length > 0 ||
      [...v.properties.values()].some((c) => c.hasRulesBelow) ||
      !!v.additional?.hasRulesBelow ||
      !!v.items?.hasRulesBelow;
    return v;
  }

  private flatten(raw: RawSchema, file: string, out: [RawSchema, string][], budget: { n: number }): void {
    if (budget.n-- <= 0) return;
    if (typeof raw.$ref === 'string') {
      const r = this.resolver.resolve(raw.$ref, file);
      if (r) this.flatten(r.raw, r.file, out, budget);
    }
    for (const part of objs(raw.allOf)) this.flatten(part, file, out, budget);
    out.push([raw, file]);
  }

  private defaultOf(raw: RawSchema, file: string): unknown {
    const parts: [RawSchema, string][] = [];
    this.flatten(raw, file, parts, { n: MAX_MERGE });
    for (const [p] of parts.reverse()) if (p.default !== undefined) return p.default;
    return undefined;
  }
}
