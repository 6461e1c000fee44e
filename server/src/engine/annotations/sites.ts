// Where annotations and labels live in a document: each resource's own metadata (List items
// included), and the pod template of each workload, which is checked as a Pod.
import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import type { ParsedDoc } from '../parse/parseFile';
import { getIn, mapGetValue, scalarString, type PathSegment } from '../parse/nodes';
import { POD_TEMPLATE_PATHS } from '../model/workloads';
import { checkMetadata, type Finding, type MetadataSite } from './check';

/** The sites of one resource mapping found at `base` in the document. */
export function resourceSites(root: YAMLMap, base: readonly PathSegment[], doc: Document): MetadataSite[] {
  const kind = scalarString(mapGetValue(root, 'kind', doc));
  if (!kind) return [];
  const out: MetadataSite[] = [];
  const tplRel = POD_TEMPLATE_PATHS[kind];
  const tpl = tplRel ? getIn(root, tplRel, doc) : undefined;
  const tplMeta = isMap(tpl) ? getIn(tpl, ['metadata'], doc) : undefined;
  const metadata = getIn(root, ['metadata'], doc);
  if (isMap(metadata)) {
    out.push({
      kind,
      metadata,
      path: [...base, 'metadata'],
      podTemplate: tplRel
        ? { path: [...base, ...tplRel], metadata: isMap(tplMeta) ? tplMeta : undefined }
        : undefined,
      cniPod: kind === 'Pod' ? !hasIstioInit(getIn(root, ['spec', 'initContainers'], doc), doc) : undefined,
      copiedTo: annotationsCopiedTo(root, kind, doc),
      foreignKind: isForeignGroup(scalarString(mapGetValue(root, 'apiVersion', doc)) ?? ''),
    });
  }
  if (tplRel && isMap(tplMeta)) {
    out.push({
      kind: 'Pod',
      metadata: tplMeta,
      path: [...base, ...tplRel, 'metadata'],
      cniPod: !hasIstioInit(getIn(tpl, ['spec', 'initContainers'], doc), doc),
    });
  }
  return out;
}

/** Every site of a parsed document (List items expanded one level). */
export function documentSites(pd: ParsedDoc): MetadataSite[] {
  const res = pd.resource;
  if (!res) return [];
  const doc = pd.ast;
  if (res.kind === 'List' || (res.kind.endsWith('List') && res.apiVersion === 'v1')) {
    const items = getIn(res.root, ['items'], doc);
    if (!isSeq(items)) return [];
    return items.items.flatMap((it, i) => (isMap(it) ? resourceSites(it, ['items', i], doc) : []));
  }
  return resourceSites(res.root, [], doc);
}

const cache = new WeakMap<ParsedDoc, Finding[]>();

/** All annotation and label findings of a document, computed once and shared by the five rules. */
export function documentFindings(pd: ParsedDoc): Finding[] {
  let f = cache.get(pd);
  if (!f) {
    f = documentSites(pd).flatMap((s) => checkMetadata(s, pd.ast));
    cache.set(pd, f);
  }
  return f;
}

/** What a gateway controller creates for a Gateway API Gateway, Istio's deployment controller among them. */
const GATEWAY_INFRASTRUCTURE = ['Deployment', 'Pod', 'Service', 'ServiceAccount'];

/**
 * A Gateway API Gateway's annotations are copied onto what the gateway controller deploys for it (Istio's
 * deployment controller, extractInfrastructureMetadata: when `spec.infrastructure.annotations` is unset),
 * so a pod annotation such as proxy.istio.io/config is in its place there.
 */
function annotationsCopiedTo(root: YAMLMap, kind: string, doc: Document): readonly string[] | undefined {
  if (kind !== 'Gateway') return undefined;
  const apiVersion = scalarString(mapGetValue(root, 'apiVersion', doc)) ?? '';
  if (!apiVersion.startsWith('gateway.networking.k8s.io/')) return undefined;
  if (isMap(getIn(root, ['spec', 'infrastructure', 'annotations'], doc))) return undefined;
  return GATEWAY_INFRASTRUCTURE;
}

/**
 * A group neither Kubernetes (core, the dot-less built-in groups, `*.k8s.io`), Istio nor OpenShift's
 * apps: a kind there is a third party's, which the catalogue's resource names do not describe.
 */
function isForeignGroup(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (!group.includes('.')) return false;
  return !/(^|\.)(k8s\.io|istio\.io)$/.test(group) && group !== 'apps.openshift.io';
}

function hasIstioInit(initContainers: unknown, doc: Document): boolean {
  if (!isSeq(initContainers)) return false;
  return initContainers.items.some(
    (c) => isMap(c) && scalarString(mapGetValue(c, 'name', doc)) === 'istio-init',
  );
}
