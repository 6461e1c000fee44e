// Reading the istio-sidecar-injector ConfigMap's `values` (the Helm values, as JSON), as Istio's
// injection analyzers do.
import type { WorkspaceResource } from '../../analysis/analyzer';
import { asString, isObj, valueAt, type Obj } from '../../util/json';

/** The parsed `data.values` JSON of an injector ConfigMap, or null when absent or invalid. */
export function injectorValues(cm: WorkspaceResource): Obj | null {
  const raw = valueAt(cm.value, 'data', 'values');
  if (typeof raw !== 'string') return null;
  try {
    const v: unknown = JSON.parse(raw);
    return isObj(v) ? v : null;
  } catch {
    return null;
  }
}

/** The injector ConfigMap name for a revision (Istio's GetInjectorConfigMapName). */
export function injectorConfigMapName(revision: string): string {
  return revision === '' || revision === 'default'
    ? 'istio-sidecar-injector'
    : `istio-sidecar-injector-${revision}`;
}

/** The proxy image the injector would use: global.proxy.image when it has a '/', else hub/image:tag. */
export function injectorProxyImage(cm: WorkspaceResource): string {
  const global = injectorValues(cm)?.global;
  const text = (...path: string[]) => asString(valueAt(global, ...path)) ?? '';
  const image = text('proxy', 'image');
  if (image.includes('/')) return image;
  return `${text('hub')}/${image}:${text('tag')}`;
}
