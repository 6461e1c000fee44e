// Real manifests to mutate: the Istio samples, the analyzer test data and the seed fixture.
import fs from 'node:fs';
import path from 'node:path';
import { istioData, seedFixture } from '../helpers/paths';

export interface SourceFile {
  name: string;
  text: string;
}

function yamlFiles(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
}

let cached: SourceFile[] | undefined;

/** Every source manifest, sorted by path so a fixed fuzz seed picks the same files everywhere. */
export function corpus(): SourceFile[] {
  if (cached) return cached;
  const paths = [seedFixture];
  yamlFiles(path.join(istioData, 'samples'), paths);
  yamlFiles(path.join(istioData, 'analysis'), paths);
  paths.sort();
  return (cached = paths.map((p) => ({
    name: path.relative(istioData, p),
    text: fs.readFileSync(p, 'utf8'),
  })));
}
