// What one file contributes to the workspace: its resources, computed once per document AST.
import type { ParsedFile } from '../parse/parseFile';
import { type Resource, resourcesOfDoc } from './resource';

/** Per document AST: the incremental parser keeps the AST of an unchanged document across versions. */
const docContributions = new WeakMap<object, Resource[]>();

/**
 * The resources of one file. Each document's resources are computed once per AST, so a document
 * that survived from the previous parse keeps its resources (and their computed values); they are
 * rebound to the file asked for, whose offsets are the ones that count.
 */
export function fileContribution(file: ParsedFile): readonly Resource[] {
  const out: Resource[] = [];
  for (const doc of file.docs) {
    let rs = docContributions.get(doc.ast);
    if (rs) {
      for (const x of rs) if (x.file !== file) x.rebind(file, doc);
    } else docContributions.set(doc.ast, (rs = resourcesOfDoc(file, doc)));
    for (const x of rs) out.push(x);
  }
  return out;
}
