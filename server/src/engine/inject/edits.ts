// Editor helpers (pure): minimal text edits for "Inject sidecar", "Remove injected sidecar" and
// "Enable sidecar injection" on one document, and why a workload will (not) be injected (CodeLens).
// An edit replaces only that document's content; every other byte of the file stays identical.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Range } from '../model/diagnostic';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import { getIn, mapGetPair } from '../parse/nodes';
import type { InjectSettings } from './bundle';
import { contentRange, docSource, injectFile, skipReason, stringifyDoc } from './inject';
import { STATUS } from './postprocess';
import { uninjectObject } from './uninject';
import { isWorkloadKind, locatePod } from './workloads';
import { arr, isObj, toText, type Obj } from '../util/json';

export interface TextEdit {
  range: Range;
  newText: string;
}
export type EditResult = { edit: TextEdit } | { error: string };

function replaceDoc(file: ParsedFile, doc: ParsedDoc, text: string): TextEdit {
  const { start, end } = contentRange(doc);
  const old = file.text.slice(start, end);
  const newText = old.endsWith('\n') || !text.endsWith('\n') ? text : text.slice(0, -1);
  return { range: file.lines.range(start, end), newText };
}

/** Whether the document is one injection acts on (a workload or a List). */
export function isInjectable(doc: ParsedDoc): boolean {
  const r = doc.resource;
  return !!r && !doc.templated && (isWorkloadKind(r.apiVersion, r.kind) || r.kind === 'List');
}

/** "Inject Istio sidecar": the edit that replaces this document with its injected form. */
export function injectEdit(file: ParsedFile, docIndex: number, settings: InjectSettings): EditResult {
  const doc: ParsedDoc | undefined = file.docs[docIndex];
  if (!doc || !isInjectable(doc)) return { error: 'This document is not a workload Istio injects.' };
  const single: ParsedFile = { ...file, docs: [doc] };
  const r = injectFile(single, settings);
  if (r.error) return { error: r.error.message };
  const res = r.docs[0];
  if (res?.outcome !== 'injected' || res.text === undefined)
    return { error: res?.reason ? `Not injected: ${res.reason}.` : 'Nothing to inject.' };
  return { edit: replaceDoc(file, doc, res.text) };
}

/** "Remove injected sidecar": the edit that uninjects this document. */
export function uninjectEdit(file: ParsedFile, docIndex: number): EditResult {
  const doc: ParsedDoc | undefined = file.docs[docIndex];
  if (!doc || !isInjectable(doc) || doc.ast.errors.length)
    return { error: 'This document is not an injected workload.' };
  const r = uninjectObject(doc.ast.toJS({ maxAliasCount: 100 }) as Obj);
  if (!r.changed) return { error: 'This workload has no injected sidecar.' };
  return { edit: replaceDoc(file, doc, stringifyDoc(r.obj, docSource(file, doc))) };
}

/** Path (in the document) of the pod template's metadata. */
function podMetadataPath(obj: Obj, prefix: (string | number)[] = []): (string | number)[] | null {
  const kind = obj.kind;
  if (!isWorkloadKind(obj.apiVersion, kind)) return null;
  if (kind === 'Pod') return [...prefix, 'metadata'];
  if (kind === 'CronJob') return [...prefix, 'spec', 'jobTemplate', 'spec', 'template', 'metadata'];
  return [...prefix, 'spec', 'template', 'metadata'];
}

const INJECT_LABEL = 'sidecar.istio.io/inject';

/** "Enable sidecar injection": sets `sidecar.istio.io/inject: "true"` on the pod template, touching as little text as possible. */
export function enableInjectionEdit(file: ParsedFile, docIndex: number, itemIndex?: number): EditResult {
  const doc: ParsedDoc | undefined = file.docs[docIndex];
  if (!doc || !isInjectable(doc) || doc.ast.errors.length)
    return { error: 'This document is not a workload Istio injects.' };
  const obj = doc.ast.toJS({ maxAliasCount: 100 }) as Obj;
  const target = itemIndex !== undefined ? arr(obj.items)[itemIndex] : obj;
  if (!isObj(target)) return { error: 'No workload at that position.' };
  const metaPath = podMetadataPath(target, itemIndex !== undefined ? ['items', itemIndex] : []);
  if (!metaPath) return { error: 'This document is not a workload Istio injects.' };
  const labels = getIn(doc.ast.contents, [...metaPath, 'labels'], doc.ast);
  if (isMap(labels) && !labels.flow) {
    const pair = mapGetPair(labels, INJECT_LABEL);
    const value = pair?.value as Node | undefined;
    if (pair && value?.range) {
      if (isScalar(value) && String(value.value) === 'true')
        return { error: 'Injection is already enabled by the pod label.' };
      return { edit: { range: file.lines.range(value.range[0], value.range[1]), newText: '"true"' } };
    }
    return insertLine(file, labels, `${INJECT_LABEL}: "true"`);
  }
  const meta = getIn(doc.ast.contents, metaPath, doc.ast);
  if (isMap(meta) && !meta.flow && meta.items.length && labels === undefined) {
    return insertLine(file, meta, `labels:\n${' '.repeat(2)}${INJECT_LABEL}: "true"`);
  }
  // Anything unusual (flow style, no metadata): rewrite the document through the YAML library, which keeps comments.
  const clone = doc.ast.clone();
  clone.commentBefore = null; // comments outside the content range stay where they are in the file
  clone.comment = null;
  const labelPath = [...metaPath, 'labels'];
  if (isMap(clone.getIn(labelPath, true))) clone.setIn([...labelPath, INJECT_LABEL], 'true');
  else clone.setIn(labelPath, clone.createNode({ [INJECT_LABEL]: 'true' }));
  const node = clone.getIn([...labelPath, INJECT_LABEL], true);
  if (isScalar(node)) node.type = 'QUOTE_DOUBLE';
  const { start, end } = contentRange(doc);
  let rendered = clone.toString({ lineWidth: 0 }).replace(/^---\n/, '');
  if (!file.text.slice(start, end).endsWith('\n')) rendered = rendered.replace(/\n$/, '');
  return { edit: { range: file.lines.range(start, end), newText: rendered } };
}

/** Inserts `line` (possibly multi-line, indented relative to the map's keys) after the map's last entry. */
export function insertLine(file: ParsedFile, map: YAMLMap, line: string): EditResult {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  const keyNode = first?.key as Node | undefined;
  const lastNode = (last?.value ?? last?.key) as Node | undefined;
  if (!keyNode?.range || !lastNode?.range) return { error: 'Cannot locate the labels in the text.' };
  const keyStart = keyNode.range[0];
  const lineStart = file.text.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = ' '.repeat(keyStart - lineStart);
  // Insert after the end of the line holding the last entry's value.
  let at = lastNode.range[2];
  const nl = file.text.indexOf('\n', Math.max(at - 1, 0));
  at = nl < 0 ? file.text.length : nl + 1;
  const prefix = nl < 0 ? '\n' : '';
  const body = line
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
  const pos = file.lines.positionAt(at);
  return { edit: { range: { start: pos, end: pos }, newText: `${prefix}${body}\n` } };
}

export type InjectionVerdict =
  | 'pod-label'
  | 'pod-revision'
  | 'namespace-label'
  | 'namespace-revision'
  | 'disabled-pod'
  | 'disabled-namespace'
  | 'ambient'
  | 'host-network'
  | 'already-injected'
  | 'no-selector'
  | 'not-a-workload';

export interface InjectionStatus {
  willInject: boolean;
  verdict: InjectionVerdict;
  /** A short sentence for a CodeLens: "Sidecar: injected (namespace demo has istio-injection=enabled)". */
  reason: string;
  revision?: string;
}

/** Namespace labels found in the workspace, by namespace name. */
export type NamespaceLabels = Record<string, Record<string, string>>;

/** Whether the webhook would inject this workload's pods, and why (namespace label, pod label, revision, ambient). */
export function describeInjection(
  file: ParsedFile,
  docIndex: number,
  namespaces: NamespaceLabels = {},
  itemIndex?: number,
): InjectionStatus {
  const doc: ParsedDoc | undefined = file.docs[docIndex];
  const no = (verdict: InjectionVerdict, reason: string): InjectionStatus => ({
    willInject: false,
    verdict,
    reason,
  });
  if (!doc || !isInjectable(doc) || doc.ast.errors.length) return no('not-a-workload', 'Not a workload');
  const obj = doc.ast.toJS({ maxAliasCount: 100 }) as Obj;
  const target = itemIndex !== undefined ? arr(obj.items)[itemIndex] : obj;
  if (!isObj(target)) return no('not-a-workload', 'Not a workload');
  let loc;
  try {
    loc = locatePod(JSON.parse(JSON.stringify(target)) as Obj);
  } catch {
    return no('not-a-workload', 'Workload without a pod template');
  }
  if (!loc) return no('not-a-workload', 'Not a workload');
  const meta = isObj(loc.pod.metadata) ? loc.pod.metadata : {};
  const labels = isObj(meta.labels) ? meta.labels : {};
  const annotations = isObj(meta.annotations) ? meta.annotations : {};
  if (typeof annotations[STATUS] === 'string')
    return { willInject: true, verdict: 'already-injected', reason: 'Sidecar already injected' };
  const skip = skipReason(loc.pod, loc.display);
  if (skip && /host networking/.test(skip)) return no('host-network', 'Not injected: host networking');
  const ns = toText(meta.namespace || loc.deployMeta.namespace || 'default');
  const nsLabels = namespaces[ns];
  const podInject = labels[INJECT_LABEL] ?? annotations[INJECT_LABEL];
  const podRev = labels['istio.io/rev'];
  if (podInject !== undefined && toText(podInject) === 'false')
    return no('disabled-pod', `Not injected: pod label ${INJECT_LABEL}=false`);
  if (nsLabels?.['istio-injection'] === 'disabled')
    return no('disabled-namespace', `Not injected: namespace ${ns} has istio-injection=disabled`);
  const ambient =
    labels['istio.io/dataplane-mode'] === 'ambient' || nsLabels?.['istio.io/dataplane-mode'] === 'ambient';
  if (nsLabels?.['istio-injection'] === 'enabled')
    return {
      willInject: true,
      verdict: 'namespace-label',
      reason: `Sidecar: injected (namespace ${ns} has istio-injection=enabled)`,
    };
  if (nsLabels?.['istio.io/rev']) {
    const rev = nsLabels['istio.io/rev'];
    return {
      willInject: true,
      verdict: 'namespace-revision',
      revision: rev,
      reason: `Sidecar: injected by revision ${rev} (namespace ${ns} label istio.io/rev)`,
    };
  }
  if (podInject !== undefined && toText(podInject) === 'true')
    return {
      willInject: true,
      verdict: 'pod-label',
      reason: `Sidecar: injected (pod label ${INJECT_LABEL}=true)`,
    };
  if (typeof podRev === 'string' && podRev)
    return {
      willInject: true,
      verdict: 'pod-revision',
      revision: podRev,
      reason: `Sidecar: injected by revision ${podRev} (pod label istio.io/rev)`,
    };
  if (ambient) return no('ambient', `Ambient mode (istio.io/dataplane-mode=ambient): no sidecar`);
  const where = nsLabels
    ? `namespace ${ns} has no injection label`
    : `namespace ${ns} not found in the workspace`;
  return no('no-selector', `Sidecar: not injected (${where}, no pod label)`);
}
