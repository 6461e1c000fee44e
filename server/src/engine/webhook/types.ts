// The contract between the webhook framework and the per-kind validators (Istio's
// pkg/config/validation, one function per kind).
import type { Node } from 'yaml';

export interface WebhookFinding {
  severity: 'error' | 'warning';
  message: string;
  /** node the finding is about; absent = the whole resource */
  node?: Node | null;
  /** the finding is about a scalar value the document sets (not about the object's shape) */
  onValue?: boolean;
  /** quick-fix data carried to the diagnostic (services/quickFixes.ts) */
  data?: Record<string, unknown>;
}

export interface WebhookInput {
  kind: string;
  name: string;
  namespace: string; // 'default' when metadata.namespace is absent
  /**
   * Whether metadata.namespace is written. Without it the namespace is the one the manifest is applied
   * to (kubectl -n, a kustomization's `namespace:`, an Argo CD destination), unknown here.
   */
  namespaceKnown: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: unknown; // plain JS value of `spec`, as sigs.k8s.io/yaml would decode it
  /** the YAML node at a JSON path from the document root, e.g. ['spec','http',0,'route']; undefined if absent */
  nodeAt(path: readonly (string | number)[]): Node | undefined;
}

export type KindValidator = (input: WebhookInput, out: WebhookFinding[]) => void;
