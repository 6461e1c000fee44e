// The one implementation of the annotation and label checks. The per-document rules (IST0107,
// IST0108, IST0125, IST0135, IST0136) and Istio's analyzers (annotations.K8sAnalyzer,
// annotations.AlphaAnalyzer) all call checkMetadata(); `istio: true` on a finding marks what Istio's
// own analyzer reports, so the analyzers can reproduce it exactly while the rules say more.
import { isMap, isScalar, isPair, type Document, type Pair, type YAMLMap } from 'yaml';
import type { FixData } from '../model/diagnostic';
import { keyString, type PathSegment } from '../parse/nodes';
import { appliesTo, isIstioKey, istMessage, lookup, names, type AnnotationCode, type KeyKind } from './catalogue';
import { ANNOTATION_VALUES, LABEL_VALUES } from './value-types';
import { closest } from './did-you-mean';

/** One metadata mapping to check: a resource's own, or a workload's pod template's. */
export interface MetadataSite {
  /** The kind the metadata belongs to: the resource's kind, or 'Pod' for a pod template. */
  kind: string;
  /** The metadata mapping node. */
  metadata: YAMLMap;
  /** Path of the metadata mapping inside the document (for fixes and analyzer reports). */
  path: readonly PathSegment[];
  /** For a workload's own metadata: path of its pod template (where pod annotations belong). */
  podTemplatePath?: readonly PathSegment[];
  /** Pods without an istio-init container (Istio treats them as CNI pods for the alpha check). */
  cniPod?: boolean;
}

export interface Finding {
  code: AnnotationCode;
  keyKind: KeyKind;
  key: string;
  pair: Pair;
  /** Report on the value rather than the key. */
  onValue: boolean;
  message: string;
  data?: FixData;
  /** Istio's own analyzer reports this (same condition). */
  istio: boolean;
}

/** Annotations Istio sets itself: the alpha check ignores them. */
const ALPHA_ALWAYS_IGNORED = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev']);
/** Set by default on CNI pods: ignored there. */
const ALPHA_IGNORED_ON_CNI = new Set([
  'sidecar.istio.io/interceptionMode', 'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts', 'traffic.sidecar.istio.io/includeOutboundIPRanges',
]);
const DEPRECATION_EXTRA: Record<string, string> = { 'sidecar.istio.io/inject': ' in favor of the "sidecar.istio.io/inject" label' };

export function checkMetadata(site: MetadataSite, doc: Document): Finding[] {
  const out: Finding[] = [];
  const annotations = mapAt(site.metadata, 'annotations', doc);
  const labels = mapAt(site.metadata, 'labels', doc);
  if (annotations) for (const pair of annotations.items) if (isPair(pair)) checkAnnotation(site, pair, labels, doc, out);
  if (labels) for (const pair of labels.items) if (isPair(pair)) checkLabel(site, pair, doc, out);
  return out;
}

function checkAnnotation(site: MetadataSite, pair: Pair, labels: YAMLMap | undefined, doc: Document, out: Finding[]): void {
  const key = keyString(pair);
  if (key === undefined || !isIstioKey(key)) return;
  const f = (code: AnnotationCode, message: string, istio: boolean, extra: Partial<Finding> = {}) =>
    out.push({ code, keyKind: 'annotation', key, pair, onValue: false, message, istio, ...extra });
  const def = lookup('annotation', key);
  if (!def) {
    const suggestions = closest(key, names('annotation'));
    const asLabel = lookup('label', key);
    let message = istMessage('IST0108', [key]);
    if (asLabel) message += `. ${key} is an Istio label: move it to metadata.labels`;
    else if (suggestions.length) message += `. Did you mean ${suggestions.join(' or ')}?`;
    f('IST0108', message, true, suggestions.length && !asLabel ? { data: { replacements: suggestions } } : {});
    return;
  }
  // Alpha: reported whatever else is wrong, as Istio's AlphaAnalyzer does.
  if (def.featureStatus === 'Alpha' && !ALPHA_ALWAYS_IGNORED.has(key) && !(site.cniPod && ALPHA_IGNORED_ON_CNI.has(key))) {
    f('IST0136', istMessage('IST0136', [key]), true);
  }
  if (def.deprecated) {
    const hasLabel = key === 'sidecar.istio.io/inject' && labels?.items.some((p) => isPair(p) && keyString(p) === key);
    if (!hasLabel) {
      const data: FixData | undefined = key === 'sidecar.istio.io/inject' ? { fix: 'annotation-to-label', key } : undefined;
      f('IST0135', istMessage('IST0135', [key, DEPRECATION_EXTRA[key] ?? '']), true, data ? { data } : {});
    }
  }
  if (def.resources.includes('Any')) return;
  if (!appliesTo(def, site.kind)) {
    let message = istMessage('IST0107', [key, def.resources.join(', ')]);
    let data: FixData | undefined;
    if (site.podTemplatePath && def.resources.includes('Pod')) {
      message += `. On a ${site.kind}, put it in the pod template (${[...site.podTemplatePath, 'metadata', 'annotations'].join('.')})`;
      data = { fix: 'move-to-pod-template', key, keyKind: 'annotation', podTemplatePath: [...site.podTemplatePath] };
    }
    f('IST0107', message, true, data ? { data } : {});
    return;
  }
  checkValue('annotation', key, pair, out);
}

function checkLabel(site: MetadataSite, pair: Pair, doc: Document, out: Finding[]): void {
  const key = keyString(pair);
  if (key === undefined || !isIstioKey(key)) return;
  const def = lookup('label', key);
  if (!def) {
    // Unknown istio.io labels are common (charts, operators): only report a likely misspelling.
    const suggestions = closest(key, names('label'), 1);
    if (suggestions.length) {
      out.push({
        code: 'IST0108', keyKind: 'label', key, pair, onValue: false, istio: false,
        message: `Unknown label: ${key}. Did you mean ${suggestions[0]}?`, data: { replacements: suggestions },
      });
    }
    return;
  }
  // A pod label on a workload's own metadata does nothing for its pods; say so unless the template has it too.
  if (!appliesTo(def, site.kind) && site.podTemplatePath && def.resources.includes('Pod')) {
    const tpl = mapAt(getMap(site.metadata, doc, site.podTemplatePath, site.path), 'labels', doc);
    const inTemplate = tpl?.items.some((p) => isPair(p) && keyString(p) === key);
    if (!inTemplate) {
      out.push({
        code: 'IST0107', keyKind: 'label', key, pair, onValue: false, istio: false,
        message: `Misplaced label: ${key} only takes effect on ${def.resources.join(', ')}; on a ${site.kind}, put it in the pod template (${[...site.podTemplatePath, 'metadata', 'labels'].join('.')})`,
        data: { fix: 'move-to-pod-template', key, keyKind: 'label', podTemplatePath: [...site.podTemplatePath] },
      });
      return;
    }
  }
  checkValue('label', key, pair, out);
}

function checkValue(kind: KeyKind, key: string, pair: Pair, out: Finding[]): void {
  const type = (kind === 'annotation' ? ANNOTATION_VALUES : LABEL_VALUES)[key];
  if (!type) return;
  const v = pair.value;
  // Non-string values are the schema's business (the API server rejects them); null is "".
  const text = v == null || (isScalar(v) && v.value == null) ? '' : isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  if (text === undefined) return;
  const problem = type.check(text);
  if (problem === undefined) return;
  out.push({
    code: 'IST0125', keyKind: kind, key, pair, onValue: v != null, istio: kind === 'annotation' && type.istio,
    message: kind === 'annotation' ? istMessage('IST0125', [key, problem]) : `Invalid label ${key}: ${problem}`,
  });
}

function mapAt(map: YAMLMap, key: string, doc: Document): YAMLMap | undefined {
  for (const p of map.items) {
    if (!isPair(p) || keyString(p) !== key) continue;
    const v = p.value;
    return isMap(v) ? v : undefined;
  }
  return undefined;
}

/** The pod template's metadata mapping, found from the workload's metadata site. */
function getMap(_metadata: YAMLMap, doc: Document, templatePath: readonly PathSegment[], _sitePath: readonly PathSegment[]): YAMLMap {
  let cur: unknown = doc.contents;
  for (const seg of [...templatePath, 'metadata']) {
    if (!isMap(cur)) return EMPTY;
    cur = mapAt(cur, String(seg), doc) ?? (cur.items.find((p) => isPair(p) && keyString(p) === seg) as Pair | undefined)?.value;
  }
  return isMap(cur) ? cur : EMPTY;
}

const EMPTY = { items: [] } as unknown as YAMLMap;
