// Schema-driven completion: the keys a mapping may still take (required first, with the schema's
// descriptions), enum and boolean values, and apiVersion/kind values from the registry.
// Pure: (ParsedFile, offset, EngineEnv) -> items; the LSP layer converts them.
import type { CompletionEntry } from './types';
import type { Range } from '../model/diagnostic';
import type { EngineEnv } from '../model/env';
import type { ParsedFile } from '../parse/parseFile';
import { apiVersionOf } from '../schema/bundle';
import { T, typeNames, type SchemaNode } from '../schema/compile';
import { cursorContext, rootSchema, schemaAt, type CursorContext } from '../schema/locate';
import { toText } from '../util/json';

export type SchemaCompletionItem = CompletionEntry;

const MAX_ITEMS = 500;

export function schemaCompletions(file: ParsedFile, offset: number, env: EngineEnv): SchemaCompletionItem[] {
  const ctx = cursorContext(file, offset);
  if (!ctx || ctx.doc.templated) return [];
  const range = file.lines.range(ctx.span[0], ctx.span[1]);
  const items = ctx.mode === 'key' ? keyItems(ctx, env, range) : valueItems(ctx, env, range);
  return items.slice(0, MAX_ITEMS);
}

function keyItems(ctx: CursorContext, env: EngineEnv, range: Range): SchemaCompletionItem[] {
  const root = rootSchema(ctx.doc, env.schemas);
  if (ctx.path.length === 0 && !root) return headerKeys(ctx, range);
  const s = schemaAt(root, ctx.path);
  const obj = s && s.types & T.Array && !(s.types & T.Object) ? s.items() : s;
  if (!obj) return [];
  const required = new Set(obj.required);
  const indent = ' '.repeat(ctx.column);
  return obj
    .propertyNames()
    .filter((k) => !ctx.present.has(k))
    .map((k, i) => {
      const p = obj.property(k)!;
      const req = required.has(k);
      return {
        label: k,
        kind: 'property' as const,
        detail: `${typeLabel(p)}${req ? ' (required)' : ''}`,
        documentation: p.description ?? '',
        insertText: keyInsert(k, p, indent),
        range,
        sortText: `${req ? '0' : '1'}${String(i).padStart(4, '0')}`,
        deprecated: /^deprecated\b/i.test(p.description ?? ''),
      };
    });
}

function headerKeys(ctx: CursorContext, range: Range): SchemaCompletionItem[] {
  return ['apiVersion', 'kind', 'metadata', 'spec']
    .filter((k) => !ctx.present.has(k))
    .map((k, i) => ({
      label: k,
      kind: 'property',
      detail: 'Kubernetes resource',
      documentation: '',
      range,
      sortText: `0${i}`,
      deprecated: false,
      insertText: k === 'metadata' ? 'metadata:\n  name: ' : k === 'spec' ? 'spec:\n  ' : `${k}: `,
    }));
}

function keyInsert(key: string, s: SchemaNode, indent: string): string {
  if (s.types === T.Object) return `${key}:\n${indent}  `;
  if (s.types === T.Array) return `${key}:\n${indent}- `;
  return `${key}: `;
}

function typeLabel(s: SchemaNode, depth = 0): string {
  if (s.types === T.Array) {
    const it = s.items();
    return `array of ${it && depth < 4 ? typeLabel(it, depth + 1) : 'any'}`;
  }
  if (s.intOrString) return 'integer or string';
  const base = typeNames(s.types);
  return s.format && s.format !== 'int32' && s.format !== 'int64' && s.format !== 'double'
    ? `${base} (${s.format})`
    : base;
}

function valueItems(ctx: CursorContext, env: EngineEnv, range: Range): SchemaCompletionItem[] {
  const reg = env.schemas;
  const key = ctx.path[ctx.path.length - 1];
  const value = (
    label: string,
    detail: string,
    documentation = '',
    i = 0,
    deprecated = false,
  ): SchemaCompletionItem => ({
    label,
    kind: 'value',
    detail,
    documentation,
    insertText: label,
    range,
    sortText: String(i).padStart(4, '0'),
    deprecated,
  });
  if (ctx.path.length === 1 && key === 'kind') {
    const group = ctx.doc.resource?.group ?? apiGroupOf(ctx);
    const kinds =
      group !== undefined && reg.hasGroup(group)
        ? reg.kindsOfGroup(group)
        : [...new Set(reg.index.kinds.map((k) => k.kind))].sort();
    return kinds.filter((k) => !k.endsWith('List')).map((k, i) => value(k, 'kind', '', i));
  }
  if (ctx.path.length === 1 && key === 'apiVersion') {
    const kind = ctx.doc.resource?.kind ?? kindOf(ctx);
    const entries = reg.index.kinds.filter((e) => e.served && (!kind || e.kind === kind));
    const versions = [...new Set(entries.map((e) => apiVersionOf(e.group, e.version)))].sort();
    return versions.map((v, i) => {
      const e = entries.find((x) => apiVersionOf(x.group, x.version) === v)!;
      return value(
        v,
        e.deprecated ? 'deprecated' : e.preferred ? 'preferred' : 'served',
        '',
        e.preferred ? i : 1000 + i,
        e.deprecated,
      );
    });
  }
  const s = schemaAt(rootSchema(ctx.doc, reg), ctx.path);
  if (!s) return [];
  if (s.enumValues)
    return s.enumValues
      .filter((v) => v !== null)
      .map((v, i) => value(toText(v), 'enum', s.description ?? '', i));
  if (s.types === T.Boolean) return ['true', 'false'].map((v, i) => value(v, 'boolean', '', i));
  return [];
}

function headerValue(ctx: CursorContext, key: string): string | undefined {
  const root = ctx.doc.ast.contents as {
    items?: { key?: { value?: unknown }; value?: { value?: unknown } }[];
  } | null;
  const pair = root?.items?.find((p) => p.key?.value === key);
  return typeof pair?.value?.value === 'string' ? pair.value.value : undefined;
}
function apiGroupOf(ctx: CursorContext): string | undefined {
  const v = headerValue(ctx, 'apiVersion');
  return v === undefined ? undefined : v.includes('/') ? v.slice(0, v.lastIndexOf('/')) : '';
}
function kindOf(ctx: CursorContext): string | undefined {
  return headerValue(ctx, 'kind');
}
