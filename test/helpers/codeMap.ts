// The code map of ARCHITECTURE.md, checked against the source tree: every source file is listed under
// its folder's heading (`### \`dir/\``, one `- \`file.ts\`: what` bullet each), and every listed file
// exists. Rules and analyzers follow naming conventions instead (rules/<code>.ts, analyzers/<name>.ts).
import path from 'node:path';

/** Files named by convention rather than listed: the direct children of engine/rules and engine/analyzers. */
export const namedByConvention = (file: string): boolean =>
  /^server\/src\/engine\/(rules|analyzers)\/[^/]+\.ts$/.test(file);

/** The files the code map lists, as repository paths, read from its `### \`dir/\`` sections. */
export function listedFiles(markdown: string): string[] {
  const start = markdown.indexOf('\n## Code map\n');
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  const listed: string[] = [];
  let dir: string | undefined;
  for (const line of section.split('\n')) {
    const heading = /^### `([^`]+)\/`$/.exec(line);
    if (heading) dir = heading[1];
    const bullet = /^- `([^`/]+\.ts)`:/.exec(line);
    if (bullet && dir) listed.push(path.posix.join(dir, bullet[1]));
  }
  return listed;
}

/** What the code map gets wrong about `files` (repository paths of the source tree). */
export function codeMapProblems(markdown: string, files: readonly string[]): string[] {
  const listed = listedFiles(markdown);
  const listedSet = new Set(listed);
  const present = new Set(files);
  return [
    ...files
      .filter((f) => !namedByConvention(f) && !listedSet.has(f))
      .map((f) => `${f} is missing from the code map`),
    ...listed.filter((f) => !present.has(f)).map((f) => `the code map lists ${f}, which does not exist`),
    ...listed.filter((f, i) => listed.indexOf(f) !== i).map((f) => `the code map lists ${f} twice`),
  ];
}
