// Lookups over the generated catalogue, and the IST message helpers the annotation checks share.
import catalogue from './catalogue.gen.json';
import type { AnnotationMessage, IstioKey } from './types';
import { goFormat } from '../util/goFormat';
import { Severity } from '../model/diagnostic';

/**
 * Annotations Istio's own code reads or writes that istio/api's catalogue does not list, so that they are not
 * unknown: the Gateway API controller's (istio/istio pilot/pkg/config/kube/gateway, `addressTypeOverride`,
 * Istio 1.22 release notes), beside its catalogued siblings `networking.istio.io/service-type` and
 * `gateway.istio.io/name-override`, with their status (none given: Alpha, as Istio's generated Go reads it);
 * and the cluster name `istioctl create-remote-secret` writes on a multi-cluster remote secret
 * (istioctl/pkg/multicluster, createRemoteServiceAccountSecret), part of the stable multi-cluster install.
 */
export const READ_BY_ISTIO: readonly IstioKey[] = [
  {
    name: 'networking.istio.io/address-type',
    description:
      'Overrides the type of the addresses (`IPAddress` or `Hostname`) reported in the status of a Gateway of the `istio` class, so that its `ClusterIP` can be used',
    featureStatus: 'Alpha',
    deprecated: false,
    hidden: true,
    resources: ['Gateway'],
  },
  {
    name: 'networking.istio.io/cluster',
    description:
      'The name of the remote cluster whose kubeconfig a multi-cluster secret (labelled `istio/multiCluster: "true"`) holds, as `istioctl create-remote-secret` writes it',
    featureStatus: 'Stable',
    deprecated: false,
    hidden: true,
    resources: ['Secret'],
  },
];

/** Istio's annotations and labels (generated from its api/annotations.yaml and labels.yaml). */
export const ANNOTATIONS: readonly IstioKey[] = [
  ...(catalogue.annotations as readonly IstioKey[]),
  ...READ_BY_ISTIO,
];
export const LABELS = catalogue.labels as readonly IstioKey[];
/** The codes and messages of the annotation findings (IST0107, IST0108, IST0125, IST0135, IST0136). */
export const ANNOTATION_MESSAGES = catalogue.messages as Readonly<
  Record<keyof typeof catalogue.messages, AnnotationMessage>
>;

export type KeyKind = 'annotation' | 'label';
export type AnnotationCode = keyof typeof ANNOTATION_MESSAGES;

const byName = (list: readonly IstioKey[]) => new Map(list.map((e) => [e.name, e]));
const ANNOTATION_MAP = byName(ANNOTATIONS);
const LABEL_MAP = byName(LABELS);

export function lookup(kind: KeyKind, name: string): IstioKey | undefined {
  return (kind === 'annotation' ? ANNOTATION_MAP : LABEL_MAP).get(name);
}

export function names(kind: KeyKind): string[] {
  return (kind === 'annotation' ? ANNOTATIONS : LABELS).map((e) => e.name);
}

export function entries(kind: KeyKind): readonly IstioKey[] {
  return kind === 'annotation' ? ANNOTATIONS : LABELS;
}

/** Istio's test for "one of ours": the prefix ends in istio.io, or the one Kubernetes annotation Istio documents. */
export function isIstioKey(name: string): boolean {
  if (name === 'kubernetes.io/ingress.class') return true;
  return name.split('/')[0].endsWith('istio.io');
}

/** The kinds an entry applies to, with 'Any' meaning every kind. */
export function appliesTo(e: IstioKey, kind: string): boolean {
  return e.resources.includes('Any') || e.resources.includes(kind);
}

export function istMessage(code: AnnotationCode, args: readonly unknown[]): string {
  return goFormat(ANNOTATION_MESSAGES[code].template, args);
}

export function istSeverity(code: AnnotationCode): Severity {
  const l = ANNOTATION_MESSAGES[code].level;
  return l === 'Error' ? Severity.Error : l === 'Warning' ? Severity.Warning : Severity.Information;
}

export function istDocsUrl(code: string): string {
  return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
}

export type { IstioKey };
