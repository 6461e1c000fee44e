// Helpers shared by the Telemetry analyzers.
import type { WorkspaceResource } from '../../analysis/analyzer';

/** Sorted resource names (Istio's telemetry getNames). */
export function sortedNames(list: readonly WorkspaceResource[]): string[] {
  return list.map((r) => r.name).sort();
}
