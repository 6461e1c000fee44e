// A SOPS-encrypted manifest (getsops/sops) is never applied as written: `sops -d`, Flux's
// kustomize-controller (`decryption.provider: sops`), ksops or helm-secrets decrypt it first, which
// removes the top-level `sops` map (the keys, `mac`, `lastmodified`, `version`) and puts the plain value
// back for each `ENC[...]` ciphertext (util/placeholder.ts reads those as placeholders).
import { isMap, type Pair } from 'yaml';
import { mapGetPair } from './nodes';

/** The document's top-level `sops` pair when it holds SOPS's metadata: a map with its `mac` and `version`. */
export function sopsMetadata(root: unknown): Pair | undefined {
  if (!isMap(root)) return undefined;
  const pair = mapGetPair(root, 'sops');
  const meta = pair?.value;
  return isMap(meta) && mapGetPair(meta, 'mac') && mapGetPair(meta, 'version') ? pair : undefined;
}
