// Navigation on the workspace graph. Pure: (Workspace, ParsedFile, offset) -> locations or markdown.
// - definition: from a VirtualService gateway / destination host / subset, a DestinationRule host, a
//   workload selector, a Gateway credentialName → the resources they name;
// - references: from a Service, Gateway (their metadata.name) or a DestinationRule subset name → what
//   routes to it;
// - hover on a reference: what it resolves to, or that nothing in the workspace matches.
import type { Range } from '../model/diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import { nodeSpan, type PathSegment } from '../parse/nodes';
import type { WorkspaceResource } from '../analysis/analyzer';
import { referencesOf, Resolver, type Reference, type Target } from '../analysis/references';
import type { Workspace } from '../analysis/workspace';
import { arr, valueAt } from '../util/json';

export interface Location {
  uri: string;
  range: Range;
}
export interface NavHover {
  contents: string;
  range: Range;
}

const spanOf = (r: WorkspaceResource, path: readonly PathSegment[]): [number, number] | undefined =>
  nodeSpan(r.node(path));
const inside = (s: [number, number] | undefined, offset: number): boolean =>
  !!s && s[0] <= offset && offset <= s[1];

function toLocation(t: Target): Location | undefined {
  const s = spanOf(t.resource, t.path) ?? spanOf(t.resource, ['metadata', 'name']);
  return s ? { uri: t.resource.file.uri, range: t.resource.file.lines.range(s[0], s[1]) } : undefined;
}

/** The resources of `file` whose span holds the offset, innermost (List item) first. */
function resourcesAt(ws: Workspace, file: ParsedFile, offset: number): WorkspaceResource[] {
  return ws.all
    .filter((r) => r.file.uri === file.uri && inside(spanOf(r, []), offset))
    .sort((a, b) => b.basePath.length - a.basePath.length);
}

/** The reference under the cursor, if any. */
export function referenceAt(ws: Workspace, file: ParsedFile, offset: number): Reference | undefined {
  for (const r of resourcesAt(ws, file, offset)) {
    for (const ref of referencesOf(r)) if (inside(spanOf(r, ref.path), offset)) return ref;
  }
  return undefined;
}

/** Where a cursor leads (definition, references): the workspace's resolver may be shared between calls. */
type Navigation = (ws: Workspace, file: ParsedFile, offset: number, resolver?: Resolver) => Location[];

const locations = (targets: Target[]): Location[] =>
  targets.map(toLocation).filter((l): l is Location => !!l);

export const definition: Navigation = (ws, file, offset, resolver = new Resolver(ws)) => {
  const ref = referenceAt(ws, file, offset);
  return ref ? locations(resolver.resolve(ref)) : [];
};

/** What a cursor can be a target of: a Service or Gateway name, or a DestinationRule subset name. */
function targetAt(ws: Workspace, file: ParsedFile, offset: number): Target | undefined {
  for (const r of resourcesAt(ws, file, offset)) {
    const isService = r.kind === 'Service' && r.group === '';
    const isGateway = r.kind === 'Gateway';
    const isSe = r.kind === 'ServiceEntry';
    if ((isService || isGateway || isSe) && inside(spanOf(r, ['metadata', 'name']), offset))
      return { resource: r, path: ['metadata', 'name'] };
    if (isSe) {
      const hosts = arr(valueAt(r.value, 'spec', 'hosts'));
      for (let i = 0; i < hosts.length; i++)
        if (inside(spanOf(r, ['spec', 'hosts', i]), offset))
          return { resource: r, path: ['spec', 'hosts', i] };
    }
    if (r.kind === 'DestinationRule') {
      const subsets = arr(valueAt(r.value, 'spec', 'subsets'));
      for (let i = 0; i < subsets.length; i++) {
        if (inside(spanOf(r, ['spec', 'subsets', i, 'name']), offset))
          return { resource: r, path: ['spec', 'subsets', i, 'name'] };
      }
    }
  }
  return undefined;
}

export const references: Navigation = (ws, file, offset, resolver = new Resolver(ws)) => {
  const target = targetAt(ws, file, offset);
  if (!target) return [];
  const refs = resolver.referencesTo(target.resource, target.path);
  return locations(refs.map((ref) => ({ resource: ref.from, path: ref.path })));
};

const KIND_LABEL: Readonly<Record<Reference['kind'], string>> = {
  gateway: 'Gateway',
  host: 'host',
  subset: 'subset',
  selector: 'workload selector',
  credential: 'credential',
};

function describe(t: Target): string {
  const r = t.resource;
  const name = r.namespace === null ? r.name : `${r.namespace}/${r.name}`;
  const line = (spanOf(r, t.path) ?? [0])[0];
  const where = `${r.file.uri.split('/').pop()}:${r.file.lines.positionAt(line).line + 1}`;
  return `${r.kind} \`${name}\` (${where})`;
}

export function navigationHover(
  ws: Workspace,
  file: ParsedFile,
  offset: number,
  resolver = new Resolver(ws),
): NavHover | undefined {
  const ref = referenceAt(ws, file, offset);
  if (!ref) return undefined;
  const span = spanOf(ref.from, ref.path)!;
  const range = file.lines.range(span[0], span[1]);
  if (ref.kind === 'gateway' && ref.value === 'mesh') {
    return { contents: '`mesh`: the sidecars of every workload (the reserved mesh gateway).', range };
  }
  const targets = resolver.resolve(ref);
  const label = `${KIND_LABEL[ref.kind]} \`${ref.value}\``;
  if (!targets.length) return { contents: `${label} resolves to nothing in the workspace.`, range };
  const shown = targets.slice(0, 10).map((t) => `- ${describe(t)}`);
  if (targets.length > 10) shown.push(`- … and ${targets.length - 10} more`);
  return { contents: `${label} resolves to:\n${shown.join('\n')}`, range };
}
