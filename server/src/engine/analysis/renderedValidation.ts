// The API server validates what `kubectl apply -k` sends, the rendering, not the files. A patch can turn
// a valid base into an object the server rejects (it adds a container whose volumeMounts name volumes the
// pod does not have), and the per-document rules see only the base before its patches and skip patch
// files. So each rendering a patch changed is validated as a whole (apiserver/), and the errors its
// unpatched base does not have are reported on the patch node that wrote the offending field: the
// `value` of a JSON-patch operation whose path leads to it, the field in a strategic-merge patch, or the
// kustomization's entry of an inline patch. An error no patch wrote (a transformer's, or the base's own
// in another form) is not reported here: the base's own findings stand for it. The operations of a JSON
// patch are also checked against the schema of the fields they write (patchOperations.ts), and the values
// a patch writes in an Istio resource against Istio's webhook (renderedWebhook.ts: IST0106).
import { Document, isMap, isSeq, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { errorText, validateResource, VALIDATED_KINDS } from '../apiserver';
import type { AppliedPatch, Kustomization, RenderedDoc } from '../kustomize';
import { Severity, SOURCE, type EngineDiagnostic } from '../model/diagnostic';
import type { ParsedFile, ResourceHeader } from '../parse/parseFile';
import { getIn, keyString, nodeSpan, type PathSegment } from '../parse/nodes';
import { isPlaceholder, siteFromMessage } from '../util/placeholder';
import { valueAt } from '../util/json';
import type { EngineEnv } from '../model/env';
import type { Resource } from './resource';
import { patchOperationFindings } from './patchOperations';
import { renderedWebhookErrors, webhookFaults } from './renderedWebhook';
import { ISTIO_GROUPS } from '../webhook';
import { WEBHOOK_PREFIX } from '../rules/IST0106';

const VALIDATED = new Set(VALIDATED_KINDS);

/** Findings by file uri: the patch files and kustomizations that wrote an invalid rendering. */
export function renderedValidation(
  rendered: readonly RenderedDoc<Resource>[],
  files: readonly ParsedFile[],
  env: EngineEnv,
  kustomizations: readonly Kustomization[] = [],
): Map<string, EngineDiagnostic[]> {
  const kubernetesVersion = env.settings.kubernetesVersion;
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const out = patchOperationFindings(rendered, byUri, env, kustomizations);
  const seen = new Set<string>();
  const add = (at: Located, code: string, text: string, d: RenderedDoc<Resource>, h: ResourceHeader) => {
    const message = `${text} (in the kustomize rendering of ${h.kind} ${h.name}${buildNote(d.root, at.file.uri)})`;
    const key = `${at.file.uri}\0${at.span[0]}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = out.get(at.file.uri) ?? [];
    list.push({
      range: at.file.lines.range(at.span[0], at.span[1]),
      severity: Severity.Error,
      code,
      message,
      source: SOURCE,
      resource: null,
    });
    out.set(at.file.uri, list);
  };
  for (const d of rendered) {
    if (!d.patches.length) continue;
    const doc = new Document(d.value);
    if (!isMap(doc.contents)) continue;
    const header = headerOf(d.value, doc.contents);
    if (VALIDATED.has(`${header.apiVersion}/${header.kind}`)) {
      const base = new Set(baseErrors(d.ref, kubernetesVersion));
      for (const e of validateResource(header, doc, kubernetesVersion)) {
        const text = errorText(e);
        if (base.has(text) || isPlaceholder(e.value, siteFromMessage(e.detail))) continue;
        const found = locate(d, fieldSegments(e.field), byUri);
        if (found) add(found.at, 'k8s-validation', text, d, header);
      }
    }
    // The webhook's errors are about the value at their path: only a patch that wrote that very value says so.
    for (const e of renderedWebhookErrors(
      header,
      doc,
      { doc: d.ref.doc, header: headerOfResource(d.ref) },
      env,
    )) {
      const found = locate(d, e.path, byUri);
      if (found && found.depth === e.path.length)
        add(found.at, 'IST0106', WEBHOOK_PREFIX.error + e.message, d, header);
    }
  }
  return out;
}

/**
 * The API server's errors of a listed file's documents that no rendering of them has: `kubectl apply -k`
 * never sends the file as written, so an error a kustomization's transformers or patches remove (a
 * Deployment's empty `selector: {}` that `labels` with `includeSelectors` fill, with the pod template's
 * labels) is not the cluster's. Likewise Istio's webhook findings (IST0106, IST0133) of an Istio resource.
 * An error stays when any rendering of the document still has one on the same field. By file uri, each
 * `${document index}\0${message}`.
 */
export function fixedByRendering(
  rendered: readonly RenderedDoc<Resource>[],
  kubernetesVersion: string,
): Map<string, Set<string>> {
  const byDoc = new Map<Resource['doc'], RenderedDoc<Resource>[]>();
  for (const d of rendered) {
    const list = byDoc.get(d.ref.doc);
    if (list) list.push(d);
    else byDoc.set(d.ref.doc, [d]);
  }
  const out = new Map<string, Set<string>>();
  const drop = (ref: Resource, message: string) => {
    const set = out.get(ref.file.uri) ?? new Set<string>();
    set.add(`${ref.doc.index}\0${message}`);
    out.set(ref.file.uri, set);
  };
  for (const [doc, renderings] of byDoc) {
    const ref = renderings[0].ref;
    if (ISTIO_GROUPS.has(ref.group)) {
      // Istio's webhook too sees only the rendering: a field it faults that no rendering still has
      // (a base's CUSTOM AuthorizationPolicy whose overlay patches the rules in) is not the cluster's.
      const written = { doc, header: headerOfResource(ref) };
      const own = webhookFaults(written);
      if (!own.length) continue;
      const stillWrong = new Set(renderings.flatMap((d) => webhookFaults(written, d.value).map((f) => f.at)));
      for (const f of own) if (!stillWrong.has(f.at)) drop(ref, f.message);
      continue;
    }
    if (!VALIDATED.has(`${ref.apiVersion}/${ref.kind}`)) continue;
    const own = validateResource(headerOfResource(ref), doc.ast, kubernetesVersion);
    if (!own.length) continue;
    const stillWrong = new Set<string>();
    for (const d of renderings) {
      const rdoc = new Document(d.value);
      if (!isMap(rdoc.contents)) continue;
      for (const e of validateResource(headerOf(d.value, rdoc.contents), rdoc, kubernetesVersion))
        stillWrong.add(e.field);
    }
    for (const e of own) if (!stillWrong.has(e.field)) drop(ref, errorText(e));
  }
  return out;
}

function headerOf(v: Record<string, unknown>, root: YAMLMap): ResourceHeader {
  const apiVersion = String(v.apiVersion);
  const slash = apiVersion.lastIndexOf('/');
  const meta = (v.metadata ?? {}) as Record<string, unknown>;
  return {
    apiVersion,
    kind: String(v.kind),
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: apiVersion.slice(slash + 1),
    name: typeof meta.name === 'string' ? meta.name : null,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : null,
    root,
  };
}

const headerOfResource = (r: Resource): ResourceHeader => ({
  apiVersion: r.apiVersion,
  kind: r.kind,
  group: r.group,
  version: r.version,
  name: r.name,
  namespace: r.namespace,
  root: r.root,
});

/** The base document's own errors, as the per-document rule finds them. */
function baseErrors(r: Resource, kubernetesVersion: string): string[] {
  return validateResource(headerOfResource(r), r.doc.ast, kubernetesVersion).map(errorText);
}

/** `spec.containers[1].volumeMounts[0].name`, `metadata.labels[app.kubernetes.io/name]` as segments. */
export function fieldSegments(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

interface Located {
  file: ParsedFile;
  span: [number, number];
}

/** The node of the patch that wrote `field`: the deepest match over the document's patches, last applied first. */
function locate(
  d: RenderedDoc<Resource>,
  field: PathSegment[],
  byUri: Map<string, ParsedFile>,
): { depth: number; at: Located } | undefined {
  let best: { depth: number; at: Located } | undefined;
  for (const p of [...d.patches].reverse()) {
    const found = p.uri ? inPatchFile(p, field, d.value, byUri) : inInlinePatch(p, field, d.value, byUri);
    if (found && found.depth > 0 && (!best || found.depth > best.depth)) best = found;
  }
  return best;
}

function inPatchFile(
  p: AppliedPatch,
  field: PathSegment[],
  rendered: unknown,
  byUri: Map<string, ParsedFile>,
): { depth: number; at: Located } | undefined {
  const file = byUri.get(p.uri!);
  if (!file) return undefined;
  let best: { depth: number; node: Node } | undefined;
  for (const doc of file.docs) {
    const m = match(doc.ast.contents, field, rendered, doc.ast);
    if (m && (!best || m.depth > best.depth)) best = m;
  }
  const span = best && nodeSpan(best.node);
  return best && span ? { depth: best.depth, at: { file, span } } : undefined;
}

/** An inline patch has no nodes of its own in the file: the kustomization's entry stands for it. */
function inInlinePatch(
  p: AppliedPatch,
  field: PathSegment[],
  rendered: unknown,
  byUri: Map<string, ParsedFile>,
): { depth: number; at: Located } | undefined {
  const file = byUri.get(p.kustomization);
  if (!p.text || !file?.docs.length) return undefined;
  let depth = 0;
  try {
    for (const doc of parseAllDocuments(p.text, { logLevel: 'error' }))
      if ('contents' in doc) depth = Math.max(depth, match(doc.contents, field, rendered, doc)?.depth ?? 0);
  } catch {
    return undefined;
  }
  const kdoc = file.docs[0].ast;
  const span = nodeSpan(getIn(kdoc.contents, p.at, kdoc));
  return span ? { depth, at: { file, span } } : undefined;
}

/** How far a patch document leads along `field`: a JSON patch through an operation's path, a strategic-merge patch by itself. */
function match(
  contents: unknown,
  field: PathSegment[],
  rendered: unknown,
  doc: Document,
): { depth: number; node: Node } | undefined {
  if (isSeq(contents)) {
    let best: { depth: number; node: Node } | undefined;
    for (const op of contents.items) {
      if (!isMap(op)) continue;
      const path = op.get('path');
      if (typeof path !== 'string') continue;
      const pointer = path
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (pointer.length > field.length || !pointer.every((s, i) => s === '-' || s === String(field[i])))
        continue;
      const value = op.get('value', true) as Node | undefined;
      const inner = value
        ? descend(
            value,
            field.slice(pointer.length),
            valueAt(rendered, ...field.slice(0, pointer.length)),
            doc,
          )
        : undefined;
      const m = inner
        ? { depth: pointer.length + inner.depth, node: inner.node }
        : { depth: pointer.length, node: op as Node };
      if (!best || m.depth > best.depth) best = m;
    }
    return best;
  }
  return isMap(contents) ? descend(contents, field, rendered, doc) : undefined;
}

/**
 * Follows `field` in a patch value as far as it goes. A list is matched by the rendered element's
 * `name` (strategic merge's key for containers, volumes, ports, env), else by position.
 */
function descend(
  node: Node,
  field: PathSegment[],
  rendered: unknown,
  doc: Document,
): { depth: number; node: Node } {
  let cur: Node = node;
  let val = rendered;
  let depth = 0;
  for (const seg of field) {
    const nextVal = valueAt(val, seg);
    let next: unknown;
    if (typeof seg === 'number' && isSeq(cur)) {
      const name = (nextVal as { name?: unknown } | undefined)?.name;
      next =
        typeof name === 'string'
          ? cur.items.find(
              (it) =>
                isMap(it) &&
                it.items.some(
                  (p) => keyString(p) === 'name' && String((p.value as { value?: unknown })?.value) === name,
                ),
            )
          : cur.items[seg];
    } else if (typeof seg === 'string' && isMap(cur)) next = getIn(cur, [seg], doc);
    if (!next || !nodeSpan(next)) break;
    cur = next as Node;
    val = nextVal;
    depth++;
  }
  return { depth, node: cur };
}

/** Names the kustomization the rendering comes from when it is not the patch's own directory. */
function buildNote(root: string, uri: string): string {
  const file = uri.split('/');
  const dir = root.split('/');
  let i = 0;
  while (i < file.length - 1 && i < dir.length && file[i] === dir[i]) i++;
  const rel = dir.slice(i).join('/');
  return rel ? ` built by ${rel}` : '';
}
