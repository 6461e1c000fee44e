// The analysis-aware warnings of Istio's VirtualService validation (analyzeUnreachableHTTPRules and
// friends in pkg/config/validation/validation.go): rules that can never match (IST0130) and matches
// shadowed by an earlier duplicate or overlapping prefix match (IST0131). Shared by the webhook
// (which words them as Istio's validation does) and the schema.ValidationAnalyzer analyzer.
import type { PathSegment } from '../parse/nodes';
import { goQuote } from '../util/goQuote';
import { arr, num, obj, str } from '../util/json';

export interface UnusedRule {
  code: 'IST0130' | 'IST0131';
  /** IST0130: [rule, reason]; IST0131: [rule, match, duplicate] */
  args: string[];
  path: PathSegment[];
}

/** Every unreachable rule and ineffective match of a VirtualService spec, in Istio's order. */
export function unusedRules(spec: unknown): UnusedRule[] {
  const out: UnusedRule[] = [];
  const s = obj(spec);
  for (const kind of ['http', 'tcp', 'tls'] as const) analyzeRoutes(out, kind, arr(s[kind]));
  return out;
}

/** Istio's own wording of the warning (the webhook's text). */
export function unusedRuleMessage(u: UnusedRule): string {
  return u.code === 'IST0130'
    ? `virtualService rule ${u.args[0]} not used (${u.args[1]})`
    : `virtualService rule ${u.args[0]} match ${u.args[1]} is not used (duplicate/overlapping match in rule ${u.args[2]})`;
}

type Kind = 'http' | 'tcp' | 'tls';

/** Istio's routeName/requestName: the quoted name (HTTP only), else `#index`. */
const routeName = (kind: Kind, route: unknown, i: number): string =>
  kind === 'http' && str(obj(route).name) !== '' ? goQuote(str(obj(route).name)) : `#${i}`;
const requestName = (kind: Kind, match: unknown, i: number): string =>
  kind === 'http' && str(obj(match).name) !== '' ? goQuote(str(obj(match).name)) : `#${i}`;

function analyzeRoutes(out: UnusedRule[], kind: Kind, routes: unknown[]): void {
  // Every finding puts a rule or match after another one: a lone rule with at most one match has
  // none, and most VirtualServices are that; the keys and maps below were much of their webhook pass.
  if (routes.length < 2 && arr(obj(routes[0]).match).length < 2) return;
  const unreachable = (i: number, reason: string): void => {
    out.push({ code: 'IST0130', args: [routeName(kind, routes[i], i), reason], path: ['spec', kind, i] });
  };
  const ineffective = (at: PathSegment[], ruleno: string, matchno: string, dupno: string): void => {
    out.push({ code: 'IST0131', args: [ruleno, matchno, dupno], path: at });
  };
  const seen = new Map<string, number>();
  let emptyMatchAt = -1;
  const prefixMatches: PrefixMatch[] = [];
  routes.forEach((route, i) => {
    if (route === null || route === undefined) return;
    const matches = arr(obj(route).match);
    if (matches.length === 0) {
      if (emptyMatchAt >= 0) unreachable(i, 'only the last rule can have no matches');
      emptyMatchAt = i;
      return;
    }
    let duplicates = 0;
    matches.forEach((m, j) => {
      if (emptyMatchAt >= 0) {
        unreachable(i, 'route without matches defined before');
        return;
      }
      const key = canonical(kind === 'http' ? withoutName(m) : m);
      const dup = seen.get(key);
      if (dup !== undefined) {
        ineffective(
          ['spec', kind, i, 'match', j],
          routeName(kind, route, i),
          requestName(kind, m, j),
          routeName(kind, routes[dup], dup),
        );
        duplicates++;
        return;
      }
      seen.set(key, i);
      if (kind === 'http') {
        const pm = prefixMatch(route, m, i, j);
        if (pm) prefixMatches.push(pm);
      }
    });
    if (duplicates === matches.length) unreachable(i, 'all matches used by prior rules');
  });
  // An earlier prefix match that covers a later, longer one makes the later one ineffective.
  for (let a = 0; a < prefixMatches.length; a++) {
    for (let b = a + 1; b < prefixMatches.length; b++) {
      const A = prefixMatches[a],
        B = prefixMatches[b];
      if (A.prefix === B.prefix || !covers(A, B)) continue;
      ineffective(
        B.path,
        B.routeStr,
        `${B.matchStr} of prefix ${B.prefix}`,
        `${A.matchStr} of prefix ${A.prefix} on ${A.routeStr}`,
      );
    }
  }
}

interface PrefixMatch {
  routeStr: string;
  matchStr: string;
  prefix: string;
  port: number;
  method: string;
  authority: string;
  headers: Map<string, string>;
  queryParams: Map<string, string>;
  withoutHeaders: Map<string, string>;
  path: PathSegment[];
}

const exactOrPrefix = (m: unknown): string => {
  const o = obj(m);
  if (str(o.exact) !== '') return `exact:${str(o.exact)}`;
  if (str(o.prefix) !== '') return `prefix:${str(o.prefix)}`;
  return '';
};
const stringMatches = (m: unknown): Map<string, string> =>
  new Map(Object.entries(obj(m)).map(([k, v]) => [k, exactOrPrefix(v)]));

function prefixMatch(route: unknown, m: unknown, i: number, j: number): PrefixMatch | undefined {
  const match = obj(m);
  const prefix = str(obj(match.uri).prefix);
  if (prefix === '') return undefined;
  return {
    routeStr: routeName('http', route, i),
    matchStr: requestName('http', m, j),
    prefix,
    port: num(match.port) ?? 0,
    method: exactOrPrefix(match.method) || 'exact:GET',
    authority: exactOrPrefix(match.authority),
    headers: stringMatches(match.headers),
    queryParams: stringMatches(match.queryParams),
    withoutHeaders: stringMatches(match.withoutHeaders),
    path: ['spec', 'http', i, 'match', j],
  };
}

/** Istio's coveredValidation: every request B matches is matched by the earlier A. */
function covers(A: PrefixMatch, B: PrefixMatch): boolean {
  if (!B.prefix.startsWith(A.prefix) || A.port !== B.port) return false;
  if (A.method !== B.method && !A.method.startsWith(B.method)) return false;
  if (A.authority !== B.authority && !A.authority.startsWith(B.authority)) return false;
  return (
    mapsCover(A.headers, B.headers) &&
    mapsCover(A.queryParams, B.queryParams) &&
    mapsCover(A.withoutHeaders, B.withoutHeaders)
  );
}

function mapsCover(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || (v !== w && !v.startsWith(w))) return false;
  }
  return true;
}

function withoutName(m: unknown): unknown {
  const { name: _name, ...rest } = obj(m);
  return rest;
}

/** A serialization for equality that, like Go's json.Marshal of the proto, ignores key order and zero values. */
function canonical(v: unknown, depth = 0): string {
  if (depth > 32) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, depth + 1)).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => !isZero(x))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function isZero(x: unknown): boolean {
  return (
    x === null ||
    x === undefined ||
    x === false ||
    x === 0 ||
    x === '' ||
    (Array.isArray(x) && x.length === 0) ||
    (typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0)
  );
}
