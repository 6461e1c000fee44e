// Finds the CEL-relevant schema of a document in the schema registry: the raw bundle definitions,
// which keep x-kubernetes-validations verbatim (the registry's compiled nodes only flag them).
import type { SchemaRegistry } from '../schema/registry';
import { fromCrd } from '../schema/bundle';
import { SchemaViews, type RawSchema, type SchemaResolver, type SchemaView } from './schema-view';

/**
 * The registry resolves bundle refs privately; CEL reads the same raw definitions through it.
 * If the registry stops offering `resolve(ref, fromFile)`, CEL finds no schema (and the CEL tests
 * fail loudly) rather than guessing.
 */
function resolverOf(reg: SchemaRegistry): SchemaResolver | undefined {
  const r = (
    reg as unknown as {
      resolve?: (ref: string, from: string) => { raw: RawSchema; file: string } | undefined;
    }
  ).resolve;
  return typeof r === 'function' ? { resolve: (ref, from) => r.call(reg, ref, from) } : undefined;
}

const viewsByRegistry = new WeakMap<
  SchemaRegistry,
  { views: SchemaViews; resolver: SchemaResolver; roots: Map<string, SchemaView | null> }
>();

/** The root schema view for a kind at a version, or undefined (unknown kind, built-in kind, no rules). */
export function celRootView(
  reg: SchemaRegistry,
  group: string,
  version: string,
  kind: string,
): SchemaView | undefined {
  let state = viewsByRegistry.get(reg);
  if (!state) {
    const resolver = resolverOf(reg);
    if (!resolver || typeof reg.lookup !== 'function') return undefined;
    state = { views: new SchemaViews(resolver), resolver, roots: new Map() };
    viewsByRegistry.set(reg, state);
  }
  const key = `${group}/${version}/${kind}`;
  let root = state.roots.get(key);
  if (root === undefined) {
    root = null;
    const entry = reg.lookup(group, version, kind);
    // Only CRDs carry CEL rules; the Kubernetes built-in schemas and istioctl's inputs have none.
    if (entry && fromCrd(entry)) {
      const hash = entry.schema.indexOf('#');
      const r = state.resolver.resolve(entry.schema.slice(hash), entry.schema.slice(0, hash));
      if (r) {
        const v = state.views.view(r.raw, r.file);
        root = v.hasRulesBelow ? v : null;
      }
    }
    state.roots.set(key, root);
  }
  return root ?? undefined;
}
