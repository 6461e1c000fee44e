// Reading the istio-sidecar-injector ConfigMap's `values` (the Helm values, as JSON), as Istio's
// injection analyzers do.
import type { WorkspaceResource } from '../../analysis/analyzer';

/** The parsed `data.values` JSON of an injector ConfigMap, or null when absent or invalid. */
export function injectorValues(cm: WorkspaceResource): Record<string, any> | null {
  const raw = cm.value.data?.values;
  if (typeof raw !== 'string') return null;
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
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
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const image = str(global?.proxy?.image);
  if (image.includes('/')) return image;
  return `${str(global?.hub)}/${image}:${str(global?.tag)}`;
}
