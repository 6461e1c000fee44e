// The fields a cluster writes into an object, which `kubectl get -o yaml` exports with it: the quick fix
// for a resourceVersion kept in a manifest removes it, or all of them, leaving every other line as it was.
import { isMap, isPair, type Pair, type YAMLMap } from 'yaml';
import { docAt } from '../parse/findNode';
import { keyString } from '../parse/nodes';
import { pairRemovalEdit, type TextEdit } from '../parse/edits';
import type { Fixer } from '../model/fix';
import type { ParsedFile } from '../parse/parseFile';

/** ObjectMeta's fields the API server sets (never the user's to write), and the object's status. */
const SET_BY_CLUSTER_META = [
  'resourceVersion',
  'uid',
  'selfLink',
  'creationTimestamp',
  'generation',
  'managedFields',
];

export const clusterSetFixer: Fixer = (file, d) => {
  const doc = docAt(file, file.lines.offsetAt(d.range.start));
  const root = doc?.ast.contents;
  if (!isMap(root)) return [];
  const metaPair = pairOf(root, 'metadata');
  const meta = metaPair?.value;
  if (!isMap(meta)) return [];
  const version = pairOf(meta, 'resourceVersion');
  const one = version && edit(file, version, meta);
  if (!one) return [];
  const out = [
    { title: 'Remove metadata.resourceVersion', kind: 'quickfix' as const, edits: [one], isPreferred: true },
  ];
  const pairs: [Pair, YAMLMap][] = SET_BY_CLUSTER_META.flatMap((k) => {
    const p = pairOf(meta, k);
    return p ? [[p, meta] as [Pair, YAMLMap]] : [];
  });
  const status = pairOf(root, 'status');
  if (status) pairs.push([status, root]);
  const all = pairs.flatMap(([p, parent]) => edit(file, p, parent) ?? []);
  if (pairs.length > 1 && all.length === pairs.length)
    out.push({
      title: `Remove what the cluster set (${pairs.map(([p]) => keyString(p)).join(', ')})`,
      kind: 'quickfix' as const,
      edits: all,
      isPreferred: false,
    });
  return out;
};

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const p = map.items.find((q) => isPair(q) && keyString(q) === key);
  return p && isPair(p) ? p : undefined;
}

const edit = (file: ParsedFile, pair: Pair, parent: YAMLMap): TextEdit | undefined =>
  pairRemovalEdit(file, pair, parent);
