// A JSON-patch file (kustomize's patchesJson6902, or `patches` holding a list of operations) is no
// document: the per-document rules never read it. Each operation is a partial document at the path it
// names in the resources it patches: its `value` is validated against the schema of that field (unknown
// fields, types, enums, formats; nothing is required of a part), and a path through a field the schema
// does not have is an unknown field (`/spec/http/0/timeoutt`, `/spec/template/metadatas/labels/app`).
import { isMap, isScalar, isSeq, YAMLMap } from 'yaml';
import type { RenderedDoc } from '../kustomize';
import type { EngineDiagnostic } from '../model/diagnostic';
import type { EngineEnv } from '../model/env';
import type { Report } from '../model/rule';
import { toDiagnostic } from '../model/report';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import { ALL_RULES } from '../rules';
import { T, type SchemaNode } from '../schema/compile';
import { resolveKind } from '../schema/resolveKind';
import { closest, orList } from '../schema/suggest';
import { validateDocument } from '../schema/validate';
import { mapGetPair } from '../parse/nodes';
import type { Resource } from './resource';

const VALUED = new Set(['add', 'replace', 'test']);

/** Findings by file uri, on the operations of the JSON-patch files the renderings applied. */
export function patchOperationFindings(
  rendered: readonly RenderedDoc<Resource>[],
  byUri: ReadonlyMap<string, ParsedFile>,
  env: EngineEnv,
): Map<string, EngineDiagnostic[]> {
  const out = new Map<string, EngineDiagnostic[]>();
  const done = new Set<string>();
  for (const d of rendered) {
    const apiVersion = String(d.value.apiVersion);
    const kind = String(d.value.kind);
    for (const p of d.patches) {
      const file = p.uri ? byUri.get(p.uri) : undefined;
      const doc = file?.docs.length === 1 ? file.docs[0] : undefined;
      // The same file applied to several documents of one kind says the same things once.
      if (!file || !doc || !isSeq(doc.ast.contents) || done.has(`${file.uri}\0${apiVersion}\0${kind}`))
        continue;
      done.add(`${file.uri}\0${apiVersion}\0${kind}`);
      const root = schemaOfKind(env, apiVersion, kind);
      if (!root) continue;
      const found = doc.ast.contents.items.flatMap((op) =>
        isMap(op) ? checkOperation(op, root, doc, file) : [],
      );
      const seen = new Set((out.get(file.uri) ?? []).map(key));
      const fresh = found.filter((f) => !seen.has(key(f)));
      if (fresh.length) out.set(file.uri, [...(out.get(file.uri) ?? []), ...fresh]);
    }
  }
  return out;
}

const key = (d: EngineDiagnostic): string =>
  `${d.range.start.line}:${d.range.start.character}:${d.code}:${d.message}`;

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

function checkOperation(op: YAMLMap, root: SchemaNode, doc: ParsedDoc, file: ParsedFile): EngineDiagnostic[] {
  const pathNode = mapGetPair(op, 'path')?.value;
  if (!isScalar(pathNode) || typeof pathNode.value !== 'string') return [];
  const segs = pathNode.value
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const chain: { seg: string | number; schema: SchemaNode }[] = [];
  let schema = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const index = schema.types & T.Array && /^(\d+|-)$/.test(seg);
    const next = index ? schema.items() : schema.child(seg);
    if (!next) {
      // A step the schema lacks: no valid object has that field (a missing step before the last also fails the build).
      if (!index && schema.hasProperties() && !schema.allowsUnknown())
        return [report(file, doc, 'unknown-field', pathNode, unknownStep(seg, chain, schema))];
      return [];
    }
    chain.push({ seg: index ? (seg === '-' ? '-' : Number(seg)) : seg, schema: next });
    schema = next;
  }
  const opName = mapGetPair(op, 'op')?.value;
  const valuePair = mapGetPair(op, 'value');
  if (!isScalar(opName) || !VALUED.has(String(opName.value)) || !valuePair?.value) return [];
  return validateDocument(doc.ast, root, file.text, valuePair.key, {
    patch: true,
    at: { node: valuePair.value, chain },
  }).map((f) => report(file, doc, f.code, f.node, f.message, f.data));
}

function unknownStep(seg: string, chain: readonly { seg: string | number }[], parent: SchemaNode): string {
  const where = chain.map((c) => (typeof c.seg === 'number' || c.seg === '-' ? `[${c.seg}]` : `.${c.seg}`));
  const path = where.join('').replace(/^\./, '');
  const sugg = closest(seg, parent.propertyNames(), 3);
  return `Unknown field \`${seg}\`${path ? ` in ${path}` : ''}${sugg.length ? `; did you mean ${orList(sugg)}?` : ''}`;
}

function report(
  file: ParsedFile,
  doc: ParsedDoc,
  code: string,
  node: unknown,
  message: string,
  data?: Report['data'],
): EngineDiagnostic {
  const rule = ALL_RULES.find((r) => r.meta.id === code)!;
  return toDiagnostic(file, doc, rule.meta, { node, message, data });
}
