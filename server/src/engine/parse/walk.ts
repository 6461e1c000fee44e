// Iterative walk over a document's own nodes (aliases are not followed), so deep or hostile input
// cannot overflow the stack.
import { isMap, isPair, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';

export function walkCollections(root: unknown, visit: (node: YAMLMap | YAMLSeq) => void): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n)) {
      visit(n);
      for (let i = n.items.length - 1; i >= 0; i--) {
        const p = n.items[i];
        if (isPair(p)) {
          stack.push(p.value);
          stack.push(p.key);
        }
      }
    } else if (isSeq(n)) {
      visit(n);
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
}
