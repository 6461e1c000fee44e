// Runs the shared annotation checks the way Istio's annotation analyzers do: over the own metadata
// of Namespaces, Services, Pods and Deployments, keeping only what Istio itself reports.
import { isMap } from 'yaml';
import type { AnalysisContext } from '../../analysis/analyzer';
import type { AnnotationCode } from '../../annotations/catalogue';
import { checkMetadata, type Finding } from '../../annotations/check';
import { resourceSites } from '../../annotations/sites';

/** Istio's inputs for both annotation analyzers: kind and API group. */
const INPUTS: readonly [string, string][] = [
  ['Namespace', ''],
  ['Service', ''],
  ['Pod', ''],
  ['Deployment', 'apps'],
];

/** The findings on a resource's own metadata, per mapping node: a document the edit left alone is not checked again. */
const ownFindings = new WeakMap<object, readonly Finding[]>();

export function reportIstioAnnotationFindings(ctx: AnalysisContext, codes: readonly AnnotationCode[]): void {
  for (const [kind, group] of INPUTS) {
    for (const r of ctx.resources(kind, group)) {
      const root = r.node([]);
      if (!isMap(root)) continue;
      let found = ownFindings.get(root);
      if (!found) {
        const own = resourceSites(root, [], r.doc.ast)[0];
        ownFindings.set(root, (found = own ? checkMetadata(own, r.doc.ast) : []));
      }
      for (const f of found) {
        // A placeholder value is the per-document rule's information note, not an analyzer finding.
        if (!f.istio || f.placeholder || f.keyKind !== 'annotation' || !codes.includes(f.code)) continue;
        ctx.report(f.code, r, f.args, ['metadata', 'annotations', f.key]);
      }
    }
  }
}
