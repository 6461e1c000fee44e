// file:// URIs to paths, for exclude globs and workspace-relative settings.
import { fileURLToPath } from 'node:url';

export function URI_TO_PATH(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}
