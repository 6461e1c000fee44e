// Paths inside a workspace, for URIs (`file:///a/b.yaml`) and plain paths alike: kustomize names its
// resources relative to the kustomization's directory.

/** The directory part, without the trailing slash. */
export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '.' : uri.slice(0, i);
}

/** `rel` resolved against `dir`, with `.` and `..` segments folded. */
export function resolvePath(dir: string, rel: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(dir)?.[0] ?? '';
  const path = rel.startsWith('/') ? rel : `${dir.slice(scheme.length)}/${rel}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '.' || (seg === '' && out.length)) continue;
    // `..` folds the named segment before it; a relative path keeps its leading `..`, the root stays the root.
    if (seg === '..' && out.length === 1 && out[0] === '') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return scheme + out.join('/').replace(/\/$/, '');
}

/** A kustomize reference kustomize would fetch (git, http): not read offline. */
export function isRemote(ref: string): boolean {
  return (
    /^(https?|git|ssh|file):\/\//.test(ref) ||
    /^(git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(ref) ||
    ref.includes('?ref=') ||
    (ref.includes('//') && !ref.startsWith('/'))
  );
}

/** A file kustomize's loader fetches over HTTP (sigs.k8s.io/kustomize/api/loader: a remote file, not a directory). */
export const isFileUrl = (ref: string): boolean => /^https?:\/\//.test(ref);

/** The longest chain of kustomizations read (bases of bases): a cycle or a runaway chain stops there. */
export const MAX_DEPTH = 32;
