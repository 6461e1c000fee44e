// A strategic-merge patch (kustomize `patches`, `kubectl patch`) is a partial document: it names its
// target and only the fields it changes. Its directives (`$patch: delete|replace|merge`, `$retainKeys`,
// `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`; k8s.io/apimachinery strategicpatch)
// mean nothing in a manifest, so a document that carries one is a patch.
import { isMap, isPair, isScalar, type Node } from 'yaml';
import { walkCollections } from '../parse/walk';

const DIRECTIVE = /^\$(patch|retainKeys|setElementOrder\/.+|deleteFromPrimitiveList\/.+)$/;

export const isPatchDirective = (key: string): boolean => DIRECTIVE.test(key);

/** Whether a key node is a patch directive. */
export function isDirectiveKey(node: unknown): boolean {
  // Every directive starts with `$`: the first character spares the pattern on all other keys.
  return (
    isScalar(node) &&
    typeof node.value === 'string' &&
    node.value.charCodeAt(0) === 36 &&
    isPatchDirective(node.value)
  );
}

/** Per root node: the schema, API-server and kustomize layers all ask about each document. */
const directiveOf = new WeakMap<object, boolean>();

/**
 * Whether any mapping of the document has a patch directive key. `text` is the file's: a key can only
 * be a directive where the document's text has a `$` (or a backslash escape that may spell one).
 */
export function hasPatchDirective(root: Node | null | undefined, text: string): boolean {
  if (!root) return false;
  const known = directiveOf.get(root);
  if (known !== undefined) return known;
  let found = false;
  if (!root.range || MAY_SPELL_DIRECTIVE.test(text.slice(root.range[0], root.range[2])))
    walkCollections(root, (n) => {
      if (found || !isMap(n)) return;
      for (const p of n.items) if (isPair(p) && isDirectiveKey(p.key)) found = true;
    });
  directiveOf.set(root, found);
  return found;
}

const MAY_SPELL_DIRECTIVE = /[$\\]/;
