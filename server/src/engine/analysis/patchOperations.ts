// A JSON-patch file (kustomize's patchesJson6902, or `patches` holding a list of operations) is no
// document, and an inline patch is text inside a kustomization: the per-document rules read neither. Each operation is a partial document at the path it
// names in the resources it patches: its `value` is validated against the schema of that field (unknown
// fields, types, enums, formats; nothing is required of a part), and a path through a field the schema
// does not have is an unknown field (`/spec/http/0/timeoutt`, `/spec/template/metadatas/labels/app`).
// An inline strategic-merge patch is validated as a patch file is (a partial document of its kind).
import { isMap, isScalar, isSeq, parseAllDocuments, YAMLMap, type Document } from 'yaml';
import type { Kustomization, RenderedDoc } from '../kustomize';
import type { EngineDiagnostic } from '../model/diagnostic';
import type { EngineEnv } from '../model/env';
import type { Report } from '../model/rule';
import { spanOf, toDiagnostic } from '../model/report';
import type { ParsedFile } from '../parse/parseFile';
import { ALL_RULES } from '../rules';
import { T, type SchemaNode } from '../schema/compile';
import { resolveKind } from '../schema/resolveKind';
import { closest, orList } from '../schema/suggest';
import { validateDocument } from '../schema/validate';
import { getIn, mapGetPair, type PathSegment } from '../parse/nodes';
import type { Resource } from './resource';

const VALUED = new Set(['add', 'replace', 'test']);

/** A patch's documents and where their offsets lie in a file of the workspace. */
interface Source {
  file: ParsedFile;
  docs: readonly Document.Parsed[];
  text: string;
  shift: number;
}

/** Findings by file uri, on the patches (files and inline texts) the renderings applied. */
export function patchOperationFindings(
  rendered: readonly RenderedDoc<Resource>[],
  byUri: ReadonlyMap<string, ParsedFile>,
  env: EngineEnv,
  kustomizations: readonly Kustomization[] = [],
): Map<string, EngineDiagnostic[]> {
  const out = new Map<string, EngineDiagnostic[]>();
  const done = new Set<string>();
  const applied = new Set<string>();
  const add = (uri: string, found: readonly EngineDiagnostic[]) => {
    const seen = new Set((out.get(uri) ?? []).map(key));
    const fresh = found.filter((f) => !seen.has(key(f)));
    if (fresh.length) out.set(uri, [...(out.get(uri) ?? []), ...fresh]);
  };
  for (const d of rendered) {
    const apiVersion = String(d.value.apiVersion);
    const kind = String(d.value.kind);
    for (const p of d.patches) {
      // The same patch applied to several documents of one kind says the same things once.
      if (!p.uri) applied.add(`${p.kustomization}#${p.at.join('/')}`);
      const id = `${p.uri ?? `${p.kustomization}#${p.at.join('/')}`}\0${apiVersion}\0${kind}`;
      if (done.has(id)) continue;
      done.add(id);
      const src = p.uri ? fileSource(byUri.get(p.uri)) : inlineSource(byUri.get(p.kustomization), p.at);
      if (!src) continue;
      const found: EngineDiagnostic[] = [];
      for (const doc of src.docs) {
        if (isSeq(doc.contents)) {
          const root = schemaOfKind(env, apiVersion, kind);
          if (root)
            for (const op of doc.contents.items)
              if (isMap(op)) found.push(...checkOperation(op, root, doc, src));
        } else if (isMap(doc.contents) && !p.uri)
          found.push(...checkInlineMerge(doc, doc.contents, src, env, d.value));
      }
      add(src.file.uri, found);
    }
  }
  // An inline patch no rendering applied (its target is in a remote base, a base the workspace lacks, or
  // nowhere) still says what it writes: a strategic-merge patch naming its apiVersion and kind, or
  // operations whose target names kind and version, are checked against that kind's schema.
  for (const k of kustomizations)
    for (const p of k.patches) {
      if (p.path !== undefined || p.patch === undefined || applied.has(`${k.uri}#${p.at.join('/')}`))
        continue;
      const src = inlineSource(byUri.get(k.uri), p.at);
      if (!src) continue;
      const found: EngineDiagnostic[] = [];
      for (const doc of src.docs) {
        if (isSeq(doc.contents)) {
          // A target without a version patches the kind at whichever version the resource has: a finding
          // must hold at every served version (of the group, when the target names one).
          const ops = doc.contents.items.flatMap((op) => (isMap(op) ? [op] : []));
          let common: EngineDiagnostic[] | undefined;
          for (const root of targetSchemas(env, p.target)) {
            const these = ops.flatMap((op) => checkOperation(op, root, doc, src));
            // The same node and code at each version; the words (a did-you-mean) may differ by schema.
            const at = (d: EngineDiagnostic) => `${d.range.start.line}:${d.range.start.character}:${d.code}`;
            const keys = new Set(these.map(at));
            common = common ? common.filter((f) => keys.has(at(f))) : these;
          }
          found.push(...(common ?? []));
        } else if (isMap(doc.contents)) {
          const v = doc.toJS() as Record<string, unknown>;
          if (typeof v.apiVersion === 'string' && typeof v.kind === 'string')
            found.push(...checkInlineMerge(doc, doc.contents, src, env, v));
        }
      }
      add(k.uri, found);
    }
  return out;
}

const key = (d: EngineDiagnostic): string =>
  `${d.range.start.line}:${d.range.start.character}:${d.code}:${d.message}`;

/** A patch file of operations (a strategic-merge patch file is a document: the rules read it). */
function fileSource(file: ParsedFile | undefined): Source | undefined {
  if (!file || file.docs.length !== 1 || !isSeq(file.docs[0].ast.contents)) return undefined;
  return { file, docs: [file.docs[0].ast], text: file.text, shift: 0 };
}

/**
 * An inline patch written as a literal block (`patch: |-`): its lines are the file's, indented, so the
 * block's text parsed where it stands gives nodes whose offsets, shifted, are the file's. Another style
 * (folded, quoted) has no such map and is left alone, as is a block that does not read back as its value.
 */
function inlineSource(file: ParsedFile | undefined, at: readonly PathSegment[]): Source | undefined {
  const kdoc = file?.docs[0]?.ast;
  if (!file || !kdoc) return undefined;
  let node = getIn(kdoc.contents, at, kdoc);
  if (isMap(node)) node = mapGetPair(node, 'patch')?.value ?? undefined;
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || !node.range || typeof node.value !== 'string')
    return undefined;
  const header = file.text.indexOf('\n', node.range[0]);
  if (header < 0 || header >= node.range[1]) return undefined;
  const text = file.text.slice(header + 1, node.range[1]);
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((x) => x.errors.length)) return undefined;
    const back = parseAllDocuments(node.value) as Document.Parsed[];
    const values = (ds: readonly Document.Parsed[]): string =>
      JSON.stringify(ds.map((x): unknown => x.toJS({ maxAliasCount: 100 })));
    if (values(docs) !== values(back)) return undefined;
    return { file, docs, text, shift: header + 1 };
  } catch {
    return undefined;
  }
}

/** An inline strategic-merge patch: validated as a partial document of its kind, as a patch file is. */
function checkInlineMerge(
  doc: Document.Parsed,
  patch: YAMLMap,
  src: Source,
  env: EngineEnv,
  target: Record<string, unknown>,
): EngineDiagnostic[] {
  const v = doc.toJS() as Record<string, unknown>;
  const apiVersion = typeof v.apiVersion === 'string' ? v.apiVersion : String(target.apiVersion);
  const kind = typeof v.kind === 'string' ? v.kind : String(target.kind);
  const root = schemaOfKind(env, apiVersion, kind);
  if (!root) return [];
  return validateDocument(doc, root, src.text, mapGetPair(patch, 'kind')?.value, { patch: true }).map((f) =>
    report(src, f.code, f.node, f.message, f.data),
  );
}

/** The schemas a patch target may name: its version's, or every served version's of its kind. */
function targetSchemas(env: EngineEnv, t: Kustomization['patches'][number]['target']): SchemaNode[] {
  if (!t?.kind) return [];
  if (t.version) {
    const root = schemaOfKind(env, t.group ? `${t.group}/${t.version}` : t.version, t.kind);
    return root ? [root] : [];
  }
  return env.schemas
    .entriesOfKind(t.kind)
    .filter((e) => e.served && (t.group === undefined || e.group === t.group))
    .flatMap((e) => {
      const root = env.schemas.schemaOf(e);
      return root ? [root] : [];
    });
}

function schemaOfKind(env: EngineEnv, apiVersion: string, kind: string): SchemaNode | undefined {
  const slash = apiVersion.lastIndexOf('/');
  const { entry } = resolveKind(env.schemas, {
    apiVersion,
    kind,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: apiVersion.slice(slash + 1),
    name: null,
    namespace: null,
    root: new YAMLMap(),
  });
  return entry && env.schemas.schemaOf(entry);
}

function checkOperation(
  op: YAMLMap,
  root: SchemaNode,
  doc: Document.Parsed,
  src: Source,
): EngineDiagnostic[] {
  const pathNode = mapGetPair(op, 'path')?.value;
  if (!isScalar(pathNode) || typeof pathNode.value !== 'string') return [];
  const segs = pathNode.value
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const chain: { seg: string | number; schema: SchemaNode }[] = [];
  let schema = root;
  for (const seg of segs) {
    const index = schema.types & T.Array && /^(\d+|-)$/.test(seg);
    const next = index ? schema.items() : schema.child(seg);
    if (!next) {
      // A step the schema lacks: no valid object has that field (a missing step before the last also fails the build).
      if (!index && schema.hasProperties() && !schema.allowsUnknown())
        return [report(src, 'unknown-field', pathNode, unknownStep(seg, chain, schema))];
      return [];
    }
    chain.push({ seg: index ? (seg === '-' ? '-' : Number(seg)) : seg, schema: next });
    schema = next;
  }
  const opName = mapGetPair(op, 'op')?.value;
  const valuePair = mapGetPair(op, 'value');
  if (!isScalar(opName) || !VALUED.has(String(opName.value)) || !valuePair?.value) return [];
  return validateDocument(doc, root, src.text, valuePair.key, {
    patch: true,
    at: { node: valuePair.value, chain },
  }).map((f) => report(src, f.code, f.node, f.message, f.data));
}

function unknownStep(seg: string, chain: readonly { seg: string | number }[], parent: SchemaNode): string {
  const where = chain.map((c) => (typeof c.seg === 'number' || c.seg === '-' ? `[${c.seg}]` : `.${c.seg}`));
  const path = where.join('').replace(/^\./, '');
  const sugg = closest(seg, parent.propertyNames(), 3);
  return `Unknown field \`${seg}\`${path ? ` in ${path}` : ''}${sugg.length ? `; did you mean ${orList(sugg)}?` : ''}`;
}

function report(
  src: Source,
  code: string,
  node: unknown,
  message: string,
  data?: Report['data'],
): EngineDiagnostic {
  const rule = ALL_RULES.find((r) => r.meta.id === code)!;
  const span = spanOf(node) ?? [0, 0];
  return toDiagnostic(src.file, null, rule.meta, {
    span: [span[0] + src.shift, span[1] + src.shift],
    message,
    data,
  });
}
