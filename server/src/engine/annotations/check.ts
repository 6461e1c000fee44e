// The one implementation of the annotation and label checks. The per-document rules (IST0107,
// IST0108, IST0125, IST0135, IST0136) and Istio's analyzers (annotations.K8sAnalyzer,
// annotations.AlphaAnalyzer) all call checkMetadata(); `istio: true` on a finding marks what Istio's
// own analyzer reports, so the analyzers can reproduce it exactly while the rules say more.
import { isMap, isScalar, isPair, type Document, type Pair, type YAMLMap } from 'yaml';
import type { FixData } from '../model/diagnostic';
import { keyString, type PathSegment } from '../parse/nodes';
import {
  appliesTo,
  isIstioKey,
  istMessage,
  lookup,
  names,
  type AnnotationCode,
  type KeyKind,
} from './catalogue';
import { ANNOTATION_VALUES, LABEL_VALUES, NAMESPACE_LABEL_VALUES, type ValueType } from './value-types';
import { closest } from './did-you-mean';
import { isPlaceholder, PLACEHOLDER_NOTE } from '../util/placeholder';
import { removedAnnotationFate } from './removed';

/** One metadata mapping to check: a resource's own, or a workload's pod template's. */
export interface MetadataSite {
  /** The kind the metadata belongs to: the resource's kind, or 'Pod' for a pod template. */
  kind: string;
  /** The metadata mapping node. */
  metadata: YAMLMap;
  /** Path of the metadata mapping inside the document (for fixes and analyzer reports). */
  path: readonly PathSegment[];
  /** For a workload's own metadata: its pod template, where pod annotations and labels belong. */
  podTemplate?: {
    /** Path of the template inside the document (e.g. ['spec', 'template']). */
    path: readonly PathSegment[];
    /** The template's metadata mapping, when present. */
    metadata?: YAMLMap;
  };
  /** Pods without an istio-init container (Istio treats them as CNI pods for the alpha check). */
  cniPod?: boolean;
  /**
   * The kinds this metadata's annotations are copied onto, where they take effect too: a Gateway API
   * Gateway's go onto the Deployment, pods, Service and ServiceAccount the gateway controller creates.
   */
  copiedTo?: readonly string[];
  /**
   * The resource is a third-party kind (Knative's Service, a vendor CRD): its controller decides where
   * its annotations and labels end up, so none is called misplaced there; values are still checked.
   */
  foreignKind?: boolean;
}

export interface Finding {
  code: AnnotationCode;
  keyKind: KeyKind;
  key: string;
  pair: Pair;
  /** Report on the value rather than the key. */
  onValue: boolean;
  message: string;
  /** Arguments of Istio's message template (messages.yaml), for the analyzers. */
  args: unknown[];
  data?: FixData;
  /** Istio's own analyzer reports this (same condition). */
  istio: boolean;
  /** The value is a placeholder substituted before apply (util/placeholder): information only. */
  placeholder?: boolean;
}

/** Annotations Istio sets itself: the alpha check ignores them. */
const ALPHA_ALWAYS_IGNORED = new Set([
  'sidecar.istio.io/status',
  'gateway.istio.io/controller-version',
  'istio.io/rev',
]);
/** Set by default on CNI pods: ignored there. */
const ALPHA_IGNORED_ON_CNI = new Set([
  'sidecar.istio.io/interceptionMode',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
]);
const DEPRECATION_EXTRA: Record<string, string> = {
  'sidecar.istio.io/inject': ' in favor of the "sidecar.istio.io/inject" label',
};

export function checkMetadata(site: MetadataSite, doc: Document): Finding[] {
  const out: Finding[] = [];
  const annotations = mapAt(site.metadata, 'annotations', doc);
  const labels = mapAt(site.metadata, 'labels', doc);
  if (annotations)
    for (const pair of annotations.items) if (isPair(pair)) checkAnnotation(site, pair, labels, doc, out);
  if (labels) for (const pair of labels.items) if (isPair(pair)) checkLabel(site, pair, doc, out);
  return out;
}

function checkAnnotation(
  site: MetadataSite,
  pair: Pair,
  labels: YAMLMap | undefined,
  doc: Document,
  out: Finding[],
): void {
  const key = keyString(pair);
  if (key === undefined || !isIstioKey(key)) return;
  const f = (
    code: AnnotationCode,
    args: unknown[],
    message: string,
    istio: boolean,
    extra: Partial<Finding> = {},
  ) => out.push({ code, keyKind: 'annotation', key, pair, onValue: false, message, args, istio, ...extra });
  const def = lookup('annotation', key);
  if (!def) {
    const suggestions = closest(key, names('annotation'));
    const asLabel = lookup('label', key);
    const removed = removedAnnotationFate(key);
    let message = istMessage('IST0108', [key]);
    if (removed) message += `. ${removed}`;
    else if (asLabel) message += `. ${key} is an Istio label: move it to metadata.labels`;
    else if (suggestions.length) message += `. Did you mean ${suggestions.join(' or ')}?`;
    f(
      'IST0108',
      [key],
      message,
      true,
      suggestions.length && !asLabel && !removed ? { data: { replacements: suggestions } } : {},
    );
    return;
  }
  // Alpha: reported whatever else is wrong, as Istio's AlphaAnalyzer does.
  if (
    def.featureStatus === 'Alpha' &&
    !ALPHA_ALWAYS_IGNORED.has(key) &&
    !(site.cniPod && ALPHA_IGNORED_ON_CNI.has(key))
  ) {
    f('IST0136', [key], istMessage('IST0136', [key]), true);
  }
  if (def.deprecated) {
    const hasLabel =
      key === 'sidecar.istio.io/inject' && labels?.items.some((p) => isPair(p) && keyString(p) === key);
    if (!hasLabel) {
      // The label belongs where the pods get it: the pod template's labels on a workload.
      const labelsPath = site.podTemplate
        ? [...site.podTemplate.path, 'metadata', 'labels']
        : [...site.path, 'labels'];
      const data: FixData | undefined =
        key === 'sidecar.istio.io/inject' ? { fix: 'annotation-to-label', key, labelsPath } : undefined;
      const args = [key, DEPRECATION_EXTRA[key] ?? ''];
      f('IST0135', args, istMessage('IST0135', args), true, data ? { data } : {});
    }
  }
  if (def.resources.includes('Any')) {
    checkValue('annotation', key, pair, out);
    return;
  }
  if (!site.foreignKind && !appliesTo(def, site.kind) && !site.copiedTo?.some((k) => appliesTo(def, k))) {
    const args = [key, def.resources.join(', ')];
    let message = istMessage('IST0107', args);
    let data: FixData | undefined;
    if (site.podTemplate && def.resources.includes('Pod')) {
      message += `. On a ${site.kind}, put it in the pod template (${dotted(site, 'annotations')})`;
      data = {
        fix: 'move-to-pod-template',
        key,
        keyKind: 'annotation',
        podTemplatePath: [...site.podTemplate.path],
      };
    }
    f('IST0107', args, message, true, data ? { data } : {});
    return;
  }
  checkValue('annotation', key, pair, out);
}

function checkLabel(site: MetadataSite, pair: Pair, doc: Document, out: Finding[]): void {
  const key = keyString(pair);
  if (key === undefined) return;
  if (!isIstioKey(key)) {
    const type = site.kind === 'Namespace' ? NAMESPACE_LABEL_VALUES[key] : undefined;
    if (type) checkValue('label', key, pair, out, type);
    return;
  }
  const def = lookup('label', key);
  if (!def) {
    // Unknown istio.io labels are common (charts, operators): only report a likely misspelling.
    const suggestions = closest(key, names('label'), 1);
    if (suggestions.length) {
      out.push({
        code: 'IST0108',
        keyKind: 'label',
        key,
        pair,
        onValue: false,
        istio: false,
        args: [key],
        message: `Unknown label: ${key}. Did you mean ${suggestions[0]}?`,
        data: { replacements: suggestions },
      });
    }
    return;
  }
  // A pod label on a workload's own metadata does nothing for its pods; say so unless the template has it too.
  if (
    !site.foreignKind &&
    !appliesTo(def, site.kind) &&
    site.podTemplate &&
    def.resources.includes('Pod') &&
    !installerRevisionMark(key, site, doc)
  ) {
    const tpl = site.podTemplate.metadata && mapAt(site.podTemplate.metadata, 'labels', doc);
    const inTemplate = tpl?.items.some((p) => isPair(p) && keyString(p) === key);
    if (!inTemplate) {
      out.push({
        code: 'IST0107',
        keyKind: 'label',
        key,
        pair,
        onValue: false,
        istio: false,
        args: [key, def.resources.join(', ')],
        message: `Misplaced label: ${key} only takes effect on ${def.resources.join(', ')}; on a ${site.kind}, put it in the pod template (${dotted(site, 'labels')})`,
        data: {
          fix: 'move-to-pod-template',
          key,
          keyKind: 'label',
          podTemplatePath: [...site.podTemplate.path],
        },
      });
      return;
    }
  }
  checkValue('label', key, pair, out);
}

/**
 * Istio's installer (istioctl install, the operator, gen-eastwest-gateway's output) stamps every object
 * it renders with its component (`operator.istio.io/component`) and its revision (`istio.io/rev`):
 * pruning and `istioctl uninstall --revision` select by them. On such an object the revision label is
 * that ownership mark, on the Deployment as on its Service and ServiceAccount, not a pod label put in
 * the wrong place.
 */
function installerRevisionMark(key: string, site: MetadataSite, doc: Document): boolean {
  if (key !== 'istio.io/rev') return false;
  const labels = mapAt(site.metadata, 'labels', doc);
  return !!labels?.items.some((p) => isPair(p) && keyString(p) === 'operator.istio.io/component');
}

function checkValue(
  kind: KeyKind,
  key: string,
  pair: Pair,
  out: Finding[],
  type: ValueType | undefined = (kind === 'annotation' ? ANNOTATION_VALUES : LABEL_VALUES)[key],
): void {
  if (!type) return;
  const v = pair.value;
  // Non-string values are the schema's business (the API server rejects them); null is "".
  const text =
    v == null || (isScalar(v) && v.value == null)
      ? ''
      : isScalar(v) && typeof v.value === 'string'
        ? v.value
        : undefined;
  if (text === undefined) return;
  const problem = type.check(text);
  if (problem === undefined) return;
  const placeholder = isPlaceholder(text, { wordsAllowed: type.values !== undefined });
  out.push({
    code: 'IST0125',
    keyKind: kind,
    key,
    pair,
    onValue: v != null,
    istio: kind === 'annotation' && type.istio,
    args: [key, problem],
    message:
      (kind === 'annotation' ? istMessage('IST0125', [key, problem]) : `Invalid label ${key}: ${problem}`) +
      (placeholder ? PLACEHOLDER_NOTE : ''),
    ...(placeholder ? { placeholder } : {}),
  });
}

export function mapAt(map: YAMLMap, key: string, _doc?: Document): YAMLMap | undefined {
  for (const p of map.items) {
    if (!isPair(p) || keyString(p) !== key) continue;
    const v = p.value;
    return isMap(v) ? v : undefined;
  }
  return undefined;
}

/** `spec.template.metadata.annotations`, relative to the resource (List items drop their prefix). */
function dotted(site: MetadataSite, leaf: string): string {
  const rel = site.podTemplate!.path.slice(site.path.length - 1);
  return [...rel, 'metadata', leaf].join('.');
}
