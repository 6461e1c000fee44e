// Without the whole cluster, "not found" is proven only by a near miss. A repository describes part of
// a cluster: a reference that matches nothing in it usually targets something deployed from elsewhere
// (another repository, a chart, an operator). A reference one slip away from something the workspace
// does hold (a misspelt host, a label value with a typo) is a mistake whatever else the cluster runs.
import { editDistance } from '../schema/suggest';
import type { Labels } from './labels';
import { PROFILE_GATEWAY_LABELS } from './istioOperator';

/** Edits a slip may take: one for short words, two from eight characters on. */
const slip = (s: string): number => (s.length >= 8 ? 2 : 1);

/**
 * Names equal once their numbers are dropped (`team1`/`team2`, `reviews`/`reviews2`/`reviews-3`, label
 * values `v1`/`v3`) are numbered siblings: one is another release, replica set or tenant of the other,
 * deployed from elsewhere as often as not, and a typo seldom changes or adds a digit. Never a slip.
 */
export function numberedSiblings(a: string, b: string): boolean {
  return a !== b && withoutNumbers(a) === withoutNumbers(b);
}
const withoutNumbers = (s: string): string => s.replace(/[-_.]?[0-9]+/g, '');
const SEPARATOR = /[-_.]/;
const LETTER = /^[A-Za-z]$/;

/**
 * Names that differ only in one segment of a single letter each (`service-a`/`service-b`, `shard-x-db`/
 * `shard-y-db`, zone values `a`/`c`) are lettered siblings, as numbered ones are: the letters name
 * members of a series (the repository's service-a and service-c beside the service-b it deploys
 * elsewhere), and a typo seldom replaces a whole one-letter segment. A letter added or dropped
 * (`productpage-v`, a truncated `productpage-v1`) is still a slip.
 */
export function letteredSiblings(a: string, b: string): boolean {
  const sa = a.split(SEPARATOR);
  const sb = b.split(SEPARATOR);
  if (sa.length !== sb.length) return false;
  let differing = 0;
  for (let i = 0; i < sa.length; i++) {
    if (sa[i] === sb[i]) continue;
    if (!LETTER.test(sa[i]) || !LETTER.test(sb[i]) || ++differing > 1) return false;
  }
  return differing === 1;
}

/** Segments and the separators between them, each its own item. */
const SEGMENTS = /([-_.])/;

/**
 * Names whose differing parts, the segments they share at either end set aside, are two words no slip
 * turns into one another (`root-svc`/`port-svc`: root and port, two edits of four letters) name different
 * things: the shared segments make the whole long enough to allow two edits, but both fall in one short
 * word. A segment added or dropped (`productpage-v`, `reviews-svc`) is measured on the whole name.
 */
export function differentWords(a: string, b: string): boolean {
  const ta = a.toLowerCase().split(SEGMENTS);
  const tb = b.toLowerCase().split(SEGMENTS);
  let head = 0;
  while (head < ta.length && head < tb.length && ta[head] === tb[head]) head++;
  let tail = 0;
  while (
    tail < ta.length - head &&
    tail < tb.length - head &&
    ta[ta.length - 1 - tail] === tb[tb.length - 1 - tail]
  )
    tail++;
  const ca = ta.slice(head, ta.length - tail).join('');
  const cb = tb.slice(head, tb.length - tail).join('');
  return ca !== '' && cb !== '' && editDistance(ca, cb, slip(ca)) > slip(ca);
}
/**
 * The names and label values Istio's gateway charts give their gateways (istio-ingressgateway and
 * istio-egressgateway, `istio: ingressgateway` and `istio: egressgateway`): two components, two edits apart,
 * that a profile or chart installs one without the other. A workspace holding one says nothing of the other.
 */
const GATEWAY_COMPONENTS: ReadonlySet<string> = new Set(
  PROFILE_GATEWAY_LABELS.flatMap((l) => Object.values(l)),
);

/**
 * One is a slip from the other: a few edits apart, no numbered or lettered siblings, nor different words,
 * nor two of Istio's gateway components.
 */
const slipped = (a: string, b: string): boolean =>
  a !== b &&
  !(GATEWAY_COMPONENTS.has(a) && GATEWAY_COMPONENTS.has(b)) &&
  !numberedSiblings(a, b) &&
  editDistance(a, b, slip(a)) <= slip(a) &&
  !letteredSiblings(a, b) &&
  !differentWords(a, b);

/** `name` is not among `candidates`, but one of them is a slip away (numbered and lettered siblings apart). */
export function nearMissName(name: string, candidates: Iterable<string>): boolean {
  for (const c of candidates) if (slipped(name, c)) return true;
  return false;
}

/**
 * Some label set holds the selector but for one label that is a slip away: its key misspelt (same
 * value), or its value misspelt (same key). A numbered sibling (`version: v3` beside pods of `v1` and
 * `v2`) is another release, not a slip.
 */
export function nearMissSelector(selector: Labels, labelSets: Iterable<Labels>): boolean {
  const entries = Object.entries(selector);
  if (!entries.length) return false;
  for (const labels of labelSets) {
    let misses = 0;
    for (const [k, v] of entries) {
      if (labels[k] === v) continue;
      const miss =
        k in labels
          ? slipped(v, labels[k])
          : Object.keys(labels).some((lk) => labels[lk] === v && slipped(k, lk));
      if (!miss || ++misses > 1) {
        misses = 2;
        break;
      }
    }
    if (misses === 1) return true;
  }
  return false;
}

/** Kinds whose pods a selector can select: what a chart rendering one of them could satisfy. */
const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/** A chart of the workspace could render pods: a selector matching nothing proves nothing. */
export const chartMayRenderPods = (ctx: { chartMayRender(kind: string): boolean }): boolean =>
  POD_KINDS.some((k) => ctx.chartMayRender(k));

/**
 * A chart of the workspace could render objects of `kind`, or a Go/Helm template anywhere in it renders
 * one named `name` (its namespace decided at install): unknown, not absent.
 */
export const templateMayRender = (
  ctx: { chartMayRender(kind: string): boolean; templatedNames(kind: string): ReadonlySet<string> },
  kind: string,
  name: string,
): boolean => ctx.chartMayRender(kind) || ctx.templatedNames(kind).has(name);

/**
 * The objects of `kind` a reference from namespace `ns` may mean, the candidates of its near miss: those
 * placed in `ns`, and those whose namespace is given at apply time (they may be applied there).
 */
export function placeableIn<R extends { nsKnown: boolean }>(
  ctx: {
    resourcesIn(kind: string, ns: string, group?: string): readonly R[];
    resources(kind: string, group?: string): readonly R[];
  },
  kind: string,
  ns: string,
  group: string,
): R[] {
  return [...ctx.resourcesIn(kind, ns, group), ...ctx.resources(kind, group).filter((r) => !r.nsKnown)];
}
