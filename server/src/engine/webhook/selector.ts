// The selection checks Istio's policy kinds share (AuthorizationPolicy, RequestAuthentication,
// PeerAuthentication, Telemetry, WasmPlugin, ProxyConfig...): a workload selector, or targetRef(s).
import { goQuote } from '../util/goQuote';
import { arr, obj, str } from '../util/json';
import { isSet, type Collector } from './collect';

/** Istio's allowedTargetRefs (all at version v1), with `gvk` as Go prints the GroupVersionKind. */
const TARGET_KINDS = [
  ['core', 'Service'],
  ['networking.istio.io', 'ServiceEntry'],
  ['gateway.networking.k8s.io', 'Gateway'],
  ['gateway.networking.k8s.io', 'GatewayClass'],
].map(([group, kind]) => ({ group, kind, gvk: `${group}/v1/${kind}` }));

/** validateOneOfSelectorType: at most one of selector, targetRef, targetRefs. */
export function checkOneSelectorType(
  spec: Record<string, unknown>,
  c: Collector,
  selectorField = 'selector',
): void {
  const set =
    Number(isSet(spec[selectorField])) +
    Number(isSet(spec.targetRef)) +
    Number(arr(spec.targetRefs).length > 0);
  if (set > 1) c.error('only one of targetRefs or workloadSelector can be set', []);
}

/** validateWorkloadSelector: no empty keys, no wildcards; a selector without labels is a warning. */
export function checkWorkloadSelector(
  selector: unknown,
  c: Collector,
  path: readonly string[] = ['selector'],
): void {
  if (!isSet(selector)) return;
  const labels = obj(obj(selector).matchLabels);
  for (const [k, raw] of Object.entries(labels)) {
    const v = str(raw);
    const where = [...path, 'matchLabels', k];
    if (k === '') c.error(`empty key is not supported in selector: ${goQuote(`${k}=${v}`)}`, where);
    if (k.includes('*') || v.includes('*'))
      c.error(`wildcard is not supported in selector: ${goQuote(`${k}=${v}`)}`, where);
  }
  if (Object.keys(labels).length === 0) c.warning('workload selector specified without labels', path);
}

/** validatePolicyTargetReference(s) on spec.targetRef and every spec.targetRefs entry. */
export function checkTargetRefs(spec: Record<string, unknown>, c: Collector): void {
  if (isSet(spec.targetRef)) checkTargetRef(obj(spec.targetRef), c, ['targetRef']);
  arr(spec.targetRefs).forEach((r, i) => {
    if (isSet(r)) checkTargetRef(obj(r), c, ['targetRefs', i]);
  });
}

function checkTargetRef(ref: Record<string, unknown>, c: Collector, path: (string | number)[]): void {
  const group = str(ref.group);
  const kind = str(ref.kind);
  if (str(ref.name) === '') c.error('targetRef name must be set', path);
  if (str(ref.namespace) !== '')
    c.error('targetRef namespace must not be set; cross namespace referencing is not supported', [
      ...path,
      'namespace',
    ]);
  const canonical = group === '' ? 'core' : group;
  if (!TARGET_KINDS.some((t) => t.kind === kind && t.group === canonical))
    c.error(
      `targetRef must be to one of [${TARGET_KINDS.map((t) => t.gvk).join(' ')}] but was ${group}/${kind}`,
      [...path, 'kind'],
    );
}

/** The selection checks in Istio's order: one type, the selector, then the target references. */
export function checkSelection(spec: Record<string, unknown>, c: Collector): void {
  checkOneSelectorType(spec, c);
  checkWorkloadSelector(spec.selector, c);
  checkTargetRefs(spec, c);
}
