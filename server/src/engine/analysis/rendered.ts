// The workspace's resources as they are applied: documents a kustomization lists count as its
// rendering (one per root kustomization that reaches them, placed in its namespace, renamed, labelled
// and patched), patch files are not resources, and every other document counts as written.
// A file is a patch when a kustomization applies it, when a document of it carries a strategic-merge
// directive (`$patch: delete`), or when it sits in a `patches/` directory and no kustomization lists it
// as a resource: kustomize's layout convention, whose kustomization is often outside the opened folder.
import { parseAllDocuments } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';
import {
  dirOf,
  helmChartNamespaces,
  isKustomizationUri,
  readKustomization,
  remoteBaseNamespaces,
  renderKustomizations,
  type Kustomization,
  type NameChange,
  type RenderedDoc,
  type RenderResult,
} from '../kustomize';
import type { WorkspaceResource } from './analyzer';
import { Severity, SOURCE, type EngineDiagnostic } from '../model/diagnostic';
import { getIn, nodeSpan } from '../parse/nodes';
import { obj, type Obj } from '../util/json';
import { place } from './placed';
import type { Resource } from './resource';
import { fileContribution } from './contribution';
import { conventionalPatches, inKustomizeLayout } from './patchConvention';
import { SHAPE_FINDING } from '../rules/IST0106';
import { fixedByRendering, renderedValidation } from './renderedValidation';
import type { EngineEnv } from '../model/env';
import { gitOpsPlan, type GitOpsPlan } from './gitops';
import { GATEWAY_API, NETWORKING } from './groups';

const MAX_ALIAS_COUNT = 100;

/** The workspace's resources as kustomize renders them. */
interface KustomizeRendering {
  resources: WorkspaceResource[];
  kustomize: RenderResult<Resource> | null;
  kustomizations: Kustomization[];
  /** Files whose workloads get their `spec.selector` from a kustomization's labels. */
  selectorFromLabels: Set<string>;
  /** Files read as patches (see the header): partial documents, not resources. */
  patchFiles: ReadonlySet<string>;
  files: readonly ParsedFile[];
}

export interface RenderedWorkspace extends KustomizeRendering {
  /** Where GitOps objects apply the resources (gitops.ts). */
  gitops: GitOpsPlan;
}

/** The last few renderings (the editor asks for the same files from several places). */
const recent: { files: readonly ParsedFile[]; result: RenderedWorkspace }[] = [];

/** Memoised for the same files (the editor rebuilds the workspace on every edit of any file). */
export function renderedResources(files: readonly ParsedFile[]): RenderedWorkspace {
  const hit = recent.find((r) => r.files.length === files.length && r.files.every((f, i) => f === files[i]));
  if (hit) return hit.result;
  const result = render(files);
  recent.unshift({ files, result });
  recent.length = Math.min(recent.length, 3);
  return result;
}

function docValue(f: ParsedFile, i: number): unknown {
  try {
    return f.docs[i].ast.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
}

/** The kustomize renderings, then where GitOps objects apply what they hold. */
function render(files: readonly ParsedFile[]): RenderedWorkspace {
  const rendered = renderKustomize(files);
  const gitops = gitOpsPlan(
    rendered.resources,
    files.map((f) => f.uri),
  );
  // A chart a kustomization inflates renders unknown objects, as one a GitOps object installs does, and
  // so does a remote base it fetches.
  const unread = new Set([
    ...helmChartNamespaces(rendered.kustomizations),
    ...remoteBaseNamespaces(rendered.kustomizations, rendered.kustomize?.rendered ?? []),
  ]);
  if (!unread.size) return { ...rendered, gitops };
  const releaseNamespaces = new Set([...gitops.releaseNamespaces, ...unread]);
  return { ...rendered, gitops: { ...gitops, releaseNamespaces } };
}

function renderKustomize(files: readonly ParsedFile[]): KustomizeRendering {
  const kustomizations: Kustomization[] = [];
  for (const f of files) {
    if (!isKustomizationUri(f.uri) || !f.docs.length) continue;
    const v = docValue(f, 0);
    if (v && typeof v === 'object' && !Array.isArray(v))
      kustomizations.push(readKustomization(f.uri, v as Record<string, unknown>));
  }
  const plain = files.flatMap((f) => fileContribution(f));
  if (!kustomizations.length) {
    const patchFiles = conventionalPatches(files, new Set(), docValue);
    const resources = plain.filter((r) => !patchFiles.has(r.file.uri));
    return { resources, kustomize: null, kustomizations, selectorFromLabels: new Set(), patchFiles, files };
  }
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const k = renderKustomizations<Resource>({
    kustomizations,
    docsOf: (uri) => {
      const f = byUri.get(uri);
      return f && fileContribution(f).map((r) => ({ ref: r, value: r.value }));
    },
    valuesOf: (uri) => {
      const f = byUri.get(uri);
      return f && f.docs.map((_, i) => docValue(f, i));
    },
    parseText: (text) => {
      try {
        return parseAllDocuments(text, { logLevel: 'error' }).flatMap((d) =>
          'toJS' in d ? [d.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown] : [],
        );
      } catch {
        return [];
      }
    },
  });
  const selectorFromLabels = new Set<string>();
  const patchFiles = new Set([...k.patchFiles, ...conventionalPatches(files, k.listed, docValue)]);
  // A file beside a kustomization that does not list it is applied on its own, if at all (applyUnits.ts).
  const kustomized = new Set(kustomizations.map((x) => x.dir));
  const resources: WorkspaceResource[] = plain
    .filter((r) => !k.listed.has(r.file.uri) && !patchFiles.has(r.file.uri))
    .map((r) =>
      kustomized.has(dirOf(r.file.uri)) ? place(r, { ns: r.ns, nsKnown: r.nsKnown, alone: true }) : r,
    );
  const vacated = vacatedByRenames(resources, k);
  for (const d of k.rendered) {
    const meta = obj(d.value.metadata);
    const ns = namespaceOf(d);
    const name = typeof meta.name === 'string' && meta.name ? meta.name : d.ref.name;
    if (hasSelector(d.value) && !hasSelector(d.ref.value)) selectorFromLabels.add(d.ref.file.uri);
    resources.push(
      place(d.ref, {
        ns: ns ?? d.ref.ns,
        nsKnown: ns !== null,
        name,
        value: d.value,
        overlay: d.via === d.root ? undefined : d.root,
        root: d.root,
        vacated: vacated.get(d),
      }),
    );
  }
  return { resources, kustomize: k, kustomizations, selectorFromLabels, patchFiles, files };
}

/**
 * The Services and Gateways (Istio's, Gateway API's) kustomize renamed (namePrefix/nameSuffix) in a rendering read whole,
 * with the names they left that no other of their kind in the workspace (a plain file, any rendering)
 * could hold where they land: one of that name in the same namespace, or in one undecided on either
 * side. kustomize renames the references its name-reference rules know (kustomize/names.ts, and a
 * build's configurations), not Istio hosts nor, by default, a VirtualService's gateways or a route's refs; such a
 * reference still naming the old name routes to nothing. `plain`: the workspace's resources that are not renderings.
 */
function vacatedByRenames(
  plain: readonly WorkspaceResource[],
  k: RenderResult<Resource>,
): Map<RenderedDoc<Resource>, NameChange[]> {
  const out = new Map<RenderedDoc<Resource>, NameChange[]>();
  const renamed = k.rendered.filter((d) => renamable(d.value) && d.renames.length && !k.partial.has(d.root));
  if (!renamed.length) return out;
  // Where each name of the workspace may be, per kind: its namespaces, null for an undecided one.
  const where = new Map<string, Set<string | null>>();
  const add = (id: string, ns: string | null) => {
    let s = where.get(id);
    if (!s) where.set(id, (s = new Set()));
    s.add(ns);
  };
  for (const r of plain) {
    const kind = renamable({ kind: r.kind, apiVersion: r.apiVersion });
    if (kind) add(`${kind}/${r.name}`, r.nsKnown ? r.ns : null);
  }
  for (const d of k.rendered) {
    const kind = renamable(d.value);
    const name = obj(d.value.metadata).name;
    if (kind && typeof name === 'string') add(`${kind}/${name}`, namespaceOf(d));
  }
  for (const d of renamed) {
    const at = namespaceOf(d);
    const kind = renamable(d.value);
    const vacant = d.renames.filter((c) => {
      const held = where.get(`${kind}/${c.from}`);
      return !held || (at !== null && !held.has(null) && !held.has(at));
    });
    if (vacant.length) out.set(d, vacant);
  }
  return out;
}

/** A rendered document's namespace; null when undecided. */
function namespaceOf(d: RenderedDoc<Resource>): string | null {
  const ns = obj(d.value.metadata).namespace;
  return typeof ns === 'string' && ns ? ns : null;
}

/**
 * The kinds whose renames leave Istio and Gateway API references behind (hosts and backendRefs name
 * Services, VirtualService gateways name Istio Gateways, route parentRefs Gateway API Gateways), as a key
 * telling the two Gateways apart, or undefined.
 */
function renamable(v: Obj): string | undefined {
  if (v.kind === 'Service' && v.apiVersion === 'v1') return 'Service';
  if (v.kind !== 'Gateway' || typeof v.apiVersion !== 'string') return undefined;
  if (v.apiVersion.startsWith(`${NETWORKING}/`)) return 'Gateway';
  return v.apiVersion.startsWith(`${GATEWAY_API}/`) ? `Gateway.${GATEWAY_API}` : undefined;
}

/**
 * A file's per-document findings, read as kustomize uses the file: a patch file is a partial document
 * (no missing fields, its directives are not unknown fields, no API-server checks of a half object), a
 * workload whose selector a kustomization's labels add (or, in a kustomize repository or layout, may
 * add) does not miss it; each kustomization says, once, what it does not render; and, given the env, a patch that
 * makes its rendering invalid says so (renderedValidation.ts, patchOperations.ts).
 */
export function kustomizeAdjusted(
  file: ParsedFile,
  diags: readonly EngineDiagnostic[],
  rw: RenderedWorkspace,
  env?: EngineEnv,
): EngineDiagnostic[] {
  const k = rw.kustomize;
  const patch = rw.patchFiles.has(file.uri);
  // A workload's selector comes from the kustomization's labels when it adds one; a file no
  // kustomization here lists is built by one the workspace does not show when the workspace is a
  // kustomize repository, or when the file sits in kustomize's layout (a base/ or overlays/ tree).
  const unlisted = !k?.listed.has(file.uri) && !isKustomizationUri(file.uri);
  const selector = rw.selectorFromLabels.has(file.uri) || (unlisted && (!!k || inKustomizeLayout(file.uri)));
  const selectorOnly = (d: EngineDiagnostic) =>
    selector && d.code === 'missing-required' && onlySelectorMissing(d);
  if (!k) return diags.filter((d) => !(patch && patchIgnores(d)) && !selectorOnly(d));
  // What the API server rejects in the file as written but no rendering of it still has is not sent.
  const fixed = env && k.listed.has(file.uri) ? fixedErrors(rw, env).get(file.uri) : undefined;
  const out = diags.filter((d) => {
    if (patch && patchIgnores(d)) return false;
    if (selectorOnly(d)) return false;
    if (fixed && FIXABLE.has(d.code) && fixed.has(`${docIndexAt(file, d)}\0${d.message}`)) return false;
    return true;
  });
  for (const n of k.notes) {
    if (n.uri !== file.uri || !file.docs.length) continue;
    const doc = file.docs[0];
    const span = nodeSpan(doc.ast.contents ? getIn(doc.ast.contents, n.at, doc.ast) : undefined) ?? [
      doc.start,
      doc.start,
    ];
    out.push({
      range: file.lines.range(span[0], span[1]),
      severity: Severity.Information,
      code: KUSTOMIZE_NOTE,
      message: n.message,
      source: SOURCE,
      resource: null,
    });
  }
  if (env) out.push(...(renderingErrors(rw, env).get(file.uri) ?? []));
  return out;
}

/** Computed once per rendering and Kubernetes version: kustomizeAdjusted runs for every file. */
const renderingCache = new WeakMap<RenderedWorkspace, Map<string, Map<string, EngineDiagnostic[]>>>();

function renderingErrors(rw: RenderedWorkspace, env: EngineEnv): Map<string, EngineDiagnostic[]> {
  const version = env.settings.kubernetesVersion;
  let byVersion = renderingCache.get(rw);
  if (!byVersion) {
    byVersion = new Map<string, Map<string, EngineDiagnostic[]>>();
    renderingCache.set(rw, byVersion);
  }
  let found = byVersion.get(version);
  if (!found) {
    found = rw.kustomize
      ? renderedValidation(rw.kustomize.rendered, rw.files, env, rw.kustomizations)
      : new Map<string, EngineDiagnostic[]>();
    byVersion.set(version, found);
  }
  return found;
}

/** The codes of the API server's and Istio's webhook's findings, which judge what `kubectl apply -k` sends. */
const FIXABLE = new Set(['k8s-validation', 'IST0106', 'IST0133']);

const fixedCache = new WeakMap<RenderedWorkspace, Map<string, Map<string, Set<string>>>>();

function fixedErrors(rw: RenderedWorkspace, env: EngineEnv): Map<string, Set<string>> {
  const version = env.settings.kubernetesVersion;
  let byVersion = fixedCache.get(rw);
  if (!byVersion) {
    byVersion = new Map<string, Map<string, Set<string>>>();
    fixedCache.set(rw, byVersion);
  }
  let found = byVersion.get(version);
  if (!found) {
    found = rw.kustomize ? fixedByRendering(rw.kustomize.rendered, version) : new Map<string, Set<string>>();
    byVersion.set(version, found);
  }
  return found;
}

/** The index of the document a diagnostic starts in. */
function docIndexAt(file: ParsedFile, d: EngineDiagnostic): number {
  const offset = file.lines.offsetAt(d.range.start);
  return file.docs.find((doc) => offset >= doc.start && offset <= doc.end)?.index ?? -1;
}

/**
 * What a patch is not held to: completeness (missing fields, the API server's and the webhook's checks of
 * the object's shape) and its own directives. The values it sets are still checked.
 */
function patchIgnores(d: EngineDiagnostic): boolean {
  if (d.code === 'missing-required' || d.code === 'k8s-validation') return true;
  if (d.code === 'unknown-field' && d.message.startsWith('Unknown field `$')) return true;
  return (d.code === 'IST0106' || d.code === 'IST0133') && d.data?.[SHAPE_FINDING] === true;
}

const hasSelector = (v: Record<string, unknown>): boolean =>
  !!(v.spec as { selector?: unknown } | undefined)?.selector;

/** Information: what a kustomization holds that Istio Lens does not render (remote bases, plugins). */
export const KUSTOMIZE_NOTE = 'kustomize-not-rendered';

function onlySelectorMissing(d: EngineDiagnostic): boolean {
  const missing = (d.data as { missing?: unknown } | undefined)?.missing;
  return Array.isArray(missing) ? missing.every((m) => m === 'selector') : /`selector`/.test(d.message);
}
