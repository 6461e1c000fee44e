// The resources as applied: kustomize renderings (rendered.ts), GitOps placements (gitops.ts), and the
// objects controllers create from them (Flagger's, Istio's gateway controller's).
import type { ParsedFile } from '../parse/parseFile';
import type { WorkspaceResource } from './analyzer';
import { renderedResources } from './rendered';
import { flaggerObjects } from './flagger';
import { gatewayControllerObjects } from './gatewayController';
import { place } from './placed';

/**
 * The resources as applied: kustomize renderings, placed where a GitOps object applies them when that
 * decides (one namespace), and what Flagger creates for each Canary, in its Canary's namespace, and
 * the Service Istio's gateway controller creates for each Gateway API Gateway, in its Gateway's.
 */
export function appliedResources(
  files: readonly ParsedFile[],
  decideGitOps = false,
): readonly WorkspaceResource[] {
  const rw = renderedResources(files);
  let all = rw.resources;
  if (decideGitOps && rw.gitops.namespaces.size)
    all = all.map((r) => {
      const set = rw.gitops.namespaces.get(r);
      return set?.size === 1 ? place(r, { ns: [...set][0], nsKnown: true }) : r;
    });
  const generated = [...flaggerObjects(all), ...gatewayControllerObjects(all)];
  return generated.length ? [...all, ...generated] : all;
}
