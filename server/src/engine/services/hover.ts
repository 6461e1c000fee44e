// Schema-driven hover: the CRD/OpenAPI description and type of the key under the cursor (or of
// the key whose value is under it), and what the registry knows of apiVersion and kind.
// Pure: (ParsedFile, offset, EngineEnv) -> markdown + range.
import type { HoverResult } from './types';
import { isMap, isPair, isScalar, type Node } from 'yaml';
import type { EngineEnv } from '../model/env';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import { keyString, type PathSegment } from '../parse/nodes';
import { apiVersionOf, SOURCE_NAMES } from '../schema/bundle';
import { T, typeNames, type SchemaNode } from '../schema/compile';
import { collections, docAt, rootSchema, schemaAt } from '../schema/locate';
import { resolveKind } from '../schema/resolveKind';
import { toText } from '../util/json';

export type SchemaHover = HoverResult;

const MAX_DESCRIPTION = 4000;

export function schemaHover(file: ParsedFile, offset: number, env: EngineEnv): SchemaHover | undefined {
  const doc = docAt(file, offset);
  if (!doc || doc.templated) return undefined;
  const hit = pairAt(doc, offset);
  if (!hit) return undefined;
  const range = file.lines.range(hit.span[0], hit.span[1]);
  const path = [...hit.path, hit.key];
  if (path.length === 1 && (hit.key === 'kind' || hit.key === 'apiVersion') && doc.resource) {
    const md = headerHover(doc, env);
    if (md) return { contents: md, range };
  }
  const root = rootSchema(doc, env.schemas);
  const parent = schemaAt(root, hit.path);
  const s = schemaAt(root, path);
  if (!s) return undefined;
  return { contents: describe(hit.key, s, parent, doc, path), range };
}

function describe(
  key: string,
  s: SchemaNode,
  parent: SchemaNode | undefined,
  doc: ParsedDoc,
  path: PathSegment[],
): string {
  const required = parent?.required.includes(key) ? ' · required' : '';
  const where = `${doc.resource?.kind ?? ''} \`${pathLabel(path)}\``;
  const lines = [`**${key}** \`${typeLabel(s)}\`${required} — ${where}`];
  if (s.description)
    lines.push(
      '',
      s.description.length > MAX_DESCRIPTION ? s.description.slice(0, MAX_DESCRIPTION) + '…' : s.description,
    );
  const items = s.types === T.Array ? s.items() : undefined;
  const enumSrc = s.enumValues ?? items?.enumValues;
  if (enumSrc)
    lines.push(
      '',
      `Allowed values: ${enumSrc
        .filter((v) => v !== null)
        .map((v) => `\`${toText(v)}\``)
        .join(', ')}`,
    );
  if (s.defaultValue !== undefined) lines.push('', `Default: \`${toText(s.defaultValue)}\``);
  if (s.format && !['int32', 'int64', 'double'].includes(s.format)) lines.push('', `Format: ${s.format}`);
  return lines.join('\n');
}

function typeLabel(s: SchemaNode, depth = 0): string {
  if (s.intOrString) return 'integer | string';
  if (s.types === T.Array) {
    const it = s.items();
    return `${it && depth < 4 ? typeLabel(it, depth + 1) : 'any'}[]`;
  }
  if (s.types === T.Object && !s.hasProperties()) {
    const a = s.additionalProperties();
    if (typeof a === 'object') return `map[string]${depth < 4 ? typeLabel(a, depth + 1) : 'any'}`;
  }
  return typeNames(s.types).replace(' or ', ' | ');
}

function pathLabel(path: PathSegment[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? '[]' : i ? `.${p}` : p))
    .join('')
    .replace(/\.\[\]/g, '[]');
}

function headerHover(doc: ParsedDoc, env: EngineEnv): string | undefined {
  const res = doc.resource!;
  const reg = env.schemas;
  const r = resolveKind(reg, res);
  if (!r.entry) return r.problem ? `**${res.kind}** — ${r.problem.message}` : undefined;
  const e = r.entry;
  const versions = reg
    .entriesOfGroup(e.group)
    .filter((x) => x.kind === e.kind && x.served)
    .map((x) => apiVersionOf(x.group, x.version));
  const root = reg.schemaOf(e);
  const lines = [
    `**${e.kind}** — \`${apiVersionOf(e.group, e.version)}\`${e.scope ? ` · ${e.scope.toLowerCase()}-scoped` : ''} · from ${SOURCE_NAMES[e.source]}`,
  ];
  if (root?.description) lines.push('', root.description.slice(0, MAX_DESCRIPTION));
  lines.push('', `Served versions: ${versions.map((v) => `\`${v}\``).join(', ')}`);
  if (r.deprecation) lines.push('', r.deprecation.message);
  return lines.join('\n');
}

/** The pair whose key (or scalar value) spans the offset, with the path of its mapping. */
function pairAt(
  doc: ParsedDoc,
  offset: number,
): { path: PathSegment[]; key: string; span: [number, number] } | undefined {
  let best: { path: PathSegment[]; key: string; span: [number, number] } | undefined;
  for (const c of collections(doc)) {
    if (!isMap(c.node) || c.start > offset || c.end < offset) continue;
    for (const p of c.node.items) {
      if (!isPair(p)) continue;
      const k = keyString(p);
      const kr = (p.key as Node | null)?.range;
      if (k === undefined || !kr) continue;
      const vr = isScalar(p.value) ? p.value.range : undefined;
      const inKey = kr[0] <= offset && offset <= kr[1];
      const inValue = !!vr && vr[0] <= offset && offset <= vr[1];
      if (!inKey && !inValue) continue;
      const span: [number, number] = inKey ? [kr[0], kr[1]] : [vr![0], vr![1]];
      if (!best || span[0] >= best.span[0]) best = { path: c.path, key: k, span };
    }
  }
  return best;
}
