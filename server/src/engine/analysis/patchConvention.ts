// Which files are kustomize patches when no kustomization of the workspace applies them (the one that
// does sits above the opened folder, or outside the copy of the repository): a document with a `$patch`
// directive; and, for a file no kustomization lists as a resource, kustomize's layout conventions (a
// `patches/` directory, a file named as a patch: `manager_webhook_patch.yaml`, `patch-replicas.yaml`), or
// a workload in the shape only a strategic-merge patch has: no selector, and no pod template, no
// containers or a container without an image (a patch names a container to change one field). A complete
// manifest carries those; the API server would reject it without them, so nobody applies such a document
// as it stands.
import type { ParsedFile } from '../parse/parseFile';
import { isKustomizationUri } from '../kustomize';
import { hasPatchDirective } from '../schema/patchDocument';
import { arr, obj } from '../util/json';

const PATCH_DIRS = new Set(['patches', 'patch']);
/** The directories of kustomize's base/overlay layout: what is in them is built by a kustomization. */
const LAYOUT_DIRS = new Set(['base', 'bases', 'overlay', 'overlays']);
/** `patch` as a word of the file name: `x_patch.yaml`, `patch-x.yml`, `x.patch.yaml`, not `dispatcher.yaml`. */
const PATCH_NAME = /(^|[-_.])patch(es)?([-_.]|$)/i;
/** Workloads whose apps/v1 API requires a selector: a full manifest always has one. */
const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export function conventionalPatches(
  files: readonly ParsedFile[],
  listed: ReadonlySet<string>,
  valueOf: (f: ParsedFile, i: number) => unknown,
): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    if (isKustomizationUri(f.uri)) continue;
    if (f.docs.some((d) => hasPatchDirective(d.ast.contents, f.text))) out.add(f.uri);
    else if (!listed.has(f.uri) && (byLayout(f.uri) || byShape(f, valueOf))) out.add(f.uri);
  }
  return out;
}

function byLayout(uri: string): boolean {
  const parts = uri.split('/');
  const name = parts[parts.length - 1].replace(/\.ya?ml$/i, '');
  return parts.slice(0, -1).some((d) => PATCH_DIRS.has(d)) || PATCH_NAME.test(name);
}

/** Every resource of the file is a workload in a patch's shape. */
function byShape(f: ParsedFile, valueOf: (f: ParsedFile, i: number) => unknown): boolean {
  const resources = f.docs.filter((d) => d.resource && !d.templated);
  return (
    resources.length > 0 &&
    resources.every((d) => SELECTOR_KINDS.has(d.resource!.kind) && partialWorkload(valueOf(f, d.index)))
  );
}

function partialWorkload(v: unknown): boolean {
  const spec = obj(obj(v).spec);
  if (spec.selector !== undefined) return false;
  const pod = obj(obj(spec.template).spec);
  const containers = arr(pod.containers);
  return !containers.length || containers.some((c) => !obj(c).image);
}

/** The file sits in a base/ or overlays/ tree: a kustomization builds it, maybe one the workspace lacks. */
export function inKustomizeLayout(uri: string): boolean {
  return uri
    .split('/')
    .slice(0, -1)
    .some((d) => LAYOUT_DIRS.has(d));
}
