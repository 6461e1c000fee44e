// kube-inject over a whole file: every document, in order; workloads injected, everything else
// passed through byte for byte. Any error stops the whole file (nothing is written).
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import type { InjectSettings } from './bundle';
import { goTypedForm } from './goForm';
import { emitYaml, indentsSequences } from './gotemplate/emitYaml';
import { InjectError, injectPod } from './injectPod';
import { InjectValidationError } from './validate';
import { isList, isWorkloadKind, locatePod, WorkloadError } from './workloads';
import { isObj, toText, type Obj } from '../util/json';

export type DocOutcome = 'injected' | 'skipped' | 'unchanged';

export interface DocResult {
  index: number;
  outcome: DocOutcome;
  /** Why a workload was skipped. */
  reason?: string;
  /** The document's new text (only for injected documents). */
  text?: string;
}

export interface InjectFailure {
  docIndex: number;
  message: string;
  /** The offending annotation, for invalid traffic annotations. */
  annotation?: string;
}

export interface InjectFileResult {
  /** The whole output (documents joined by `---`), or null when an error stopped the injection. */
  text: string | null;
  docs: DocResult[];
  warnings: string[];
  error: InjectFailure | null;
}

/** Why injection is skipped (istioctl's injectRequired with policy "enabled"), or null to inject. */
export function skipReason(pod: Obj, display: string): string | null {
  const spec = isObj(pod.spec) ? pod.spec : {};
  const meta = isObj(pod.metadata) ? pod.metadata : {};
  if (spec.hostNetwork === true) return `${display} has host networking enabled`;
  if (meta.namespace === 'kube-system' || meta.namespace === 'kube-public')
    return `${display} is in the ${String(meta.namespace)} namespace`;
  const labels = isObj(meta.labels) ? meta.labels : {};
  const annotations = isObj(meta.annotations) ? meta.annotations : {};
  const sel = 'sidecar.istio.io/inject';
  const value = sel in labels ? labels[sel] : annotations[sel];
  if (value === undefined || value === null || value === '') return null;
  if (['y', 'yes', 'true', 'on'].includes(toText(value).toLowerCase())) return null;
  return `${display} has sidecar injection disabled`;
}

/** Injects one parsed workload object (a deep copy is returned). Throws on invalid input. */
export function injectObject(
  obj: Obj,
  settings: InjectSettings,
  warnings: string[],
): { obj: Obj; injected: boolean; reason?: string } {
  if (isList(obj)) {
    let any = false;
    const items = obj.items.map((item) => {
      if (!isObj(item) || !isWorkloadKind(item.apiVersion, item.kind)) return item;
      const r = injectObject(item, settings, warnings);
      any ||= r.injected;
      return r.obj;
    });
    const list: Obj = { ...obj, items };
    return { obj: any ? goTypedForm(list) : list, injected: any };
  }
  const copy = JSON.parse(JSON.stringify(obj)) as Obj;
  const loc = locatePod(copy);
  if (!loc) return { obj, injected: false };
  const reason = skipReason(loc.pod, loc.display);
  if (reason) {
    warnings.push(`===> Skipping injection because ${reason}`);
    return { obj, injected: false, reason };
  }
  loc.write(injectPod(loc.pod, loc, settings));
  // Go's typed round trip drops omitempty zero values the workload spec may spell out.
  if (isObj(copy.spec)) {
    if (copy.spec.paused === false) delete copy.spec.paused;
    if (copy.spec.minReadySeconds === 0) delete copy.spec.minReadySeconds;
  }
  return { obj: goTypedForm(copy), injected: true };
}

/** Serializes an injected document in block style; sequences indented as `source` indents them (kubectl's style by default). */
export function stringifyDoc(obj: unknown, source = ''): string {
  return emitYaml(obj, { indentSequences: indentsSequences(source) });
}

// Per-settings cache of document results keyed by the document's text: a keystroke in one
// document of a large file re-injects only that document.
type CachedDoc = { result: DocResult; warnings: string[] } | { error: InjectFailure };
const caches = new WeakMap<InjectSettings, Map<string, CachedDoc>>();
const DOC_CACHE_LIMIT = 256;
function docCache(settings: InjectSettings): {
  get(k: string): CachedDoc | undefined;
  set(k: string, v: CachedDoc): void;
} {
  const map = caches.get(settings) ?? new Map<string, CachedDoc>();
  caches.set(settings, map);
  return {
    get: (k) => map.get(k),
    set: (k, v) => {
      if (map.size >= DOC_CACHE_LIMIT) map.delete(map.keys().next().value as string);
      map.set(k, v);
    },
  };
}

function failureOf(e: unknown, docIndex: number): InjectFailure {
  if (e instanceof InjectValidationError)
    return { docIndex, message: `injection failed: ${e.message}`, annotation: e.annotation };
  if (e instanceof InjectError || e instanceof WorkloadError) return { docIndex, message: e.message };
  return { docIndex, message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
}

/** The document's own text, to keep its style when it is rewritten. */
export function docSource(file: ParsedFile, doc: ParsedDoc): string {
  const { start, end } = contentRange(doc);
  return file.text.slice(start, end);
}

/** Where a document's content node lies (comments and `---` markers around it are not included). */
export function contentRange(doc: ParsedDoc): { start: number; end: number } {
  const r = doc.ast.contents?.range;
  return r ? { start: r[0], end: r[2] } : { start: doc.start, end: doc.start };
}

/** The file's text with the given document contents replaced; every other byte stays as it was. */
export function spliceDocs(file: ParsedFile, replacements: Map<number, string>): string {
  let out = '';
  let pos = 0;
  for (const doc of file.docs) {
    const text = replacements.get(doc.index);
    if (text === undefined) continue;
    const { start, end } = contentRange(doc);
    const old = file.text.slice(start, end);
    out +=
      file.text.slice(pos, start) + (old.endsWith('\n') || !text.endsWith('\n') ? text : text.slice(0, -1));
    pos = end;
  }
  return out + file.text.slice(pos);
}

/** Injects every document of a file. */
export function injectFile(file: ParsedFile, settings: InjectSettings): InjectFileResult {
  const docs: DocResult[] = [];
  const warnings: string[] = [];
  const replacements = new Map<number, string>();
  if (file.failure)
    return { text: null, docs, warnings, error: { docIndex: 0, message: file.failure.message } };
  for (const doc of file.docs) {
    if (doc.ast.errors.length) {
      return {
        text: null,
        docs,
        warnings,
        error: {
          docIndex: doc.index,
          message: `document ${doc.index + 1} is not valid YAML: ${doc.ast.errors[0].message.split('\n')[0]}`,
        },
      };
    }
    const root = doc.resource?.root;
    const candidate =
      root &&
      !doc.templated &&
      (isWorkloadKind(doc.resource!.apiVersion, doc.resource!.kind) || doc.resource!.kind === 'List');
    if (!candidate) {
      docs.push({ index: doc.index, outcome: 'unchanged' });
      continue;
    }
    const original = file.text.slice(doc.start, doc.end);
    const cached = docCache(settings).get(original);
    const r = cached ?? injectDocument(doc);
    if (!cached) docCache(settings).set(original, r);
    if ('error' in r) return { text: null, docs, warnings, error: { ...r.error, docIndex: doc.index } };
    warnings.push(...r.warnings);
    docs.push({ ...r.result, index: doc.index });
    if (r.result.text !== undefined) replacements.set(doc.index, r.result.text);
  }
  return { text: spliceDocs(file, replacements), docs, warnings, error: null };

  function injectDocument(doc: ParsedDoc): CachedDoc {
    const w: string[] = [];
    try {
      const obj = doc.ast.toJS({ maxAliasCount: 100 }) as Obj;
      const r = injectObject(obj, settings, w);
      if (r.injected)
        return {
          result: { index: doc.index, outcome: 'injected', text: stringifyDoc(r.obj, docSource(file, doc)) },
          warnings: w,
        };
      return {
        result: { index: doc.index, outcome: r.reason ? 'skipped' : 'unchanged', reason: r.reason },
        warnings: w,
      };
    } catch (e) {
      return { error: failureOf(e, doc.index) };
    }
  }
}
