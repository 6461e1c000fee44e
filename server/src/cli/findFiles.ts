// Expands the CLI's PATH arguments: files as given, directories searched for *.yaml / *.yml and
// kustomization files (isManifestFileName).
import fs from 'node:fs';
import path from 'node:path';
import { isManifestFileName, isSkippedDirName } from '../engine/parse/kustomizationFile';

/** Every file to check, in order, and those of them named as files (not found in a folder). */
export function findYamlFiles(args: readonly string[]): { paths: string[]; named: string[] } {
  const paths: string[] = [];
  const named: string[] = [];
  for (const arg of args) {
    const st = fs.statSync(arg); // throws ENOENT: the caller turns it into a usage error (exit 2)
    if (st.isDirectory()) walk(arg, paths);
    else {
      paths.push(arg);
      named.push(arg);
    }
  }
  return { paths, named };
}

function walk(dir: string, out: string[]): void {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const subdirs: string[] = [];
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!isSkippedDirName(e.name)) subdirs.push(p);
      } else if (e.isFile() && isManifestFileName(e.name)) out.push(p);
    }
    stack.push(...subdirs.reverse());
  }
}
