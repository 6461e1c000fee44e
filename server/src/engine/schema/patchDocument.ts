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
  return isScalar(node) && typeof node.value === 'string' && isPatchDirective(node.value);
}

/** Whether any mapping of the document has a patch directive key. */
export function hasPatchDirective(root: Node | null | undefined): boolean {
  let found = false;
  walkCollections(root, (n) => {
    if (found || !isMap(n)) return;
    for (const p of n.items) if (isPair(p) && isDirectiveKey(p.key)) found = true;
  });
  return found;
}
