// Trial namespaces that one analyzer cannot tell apart, so that one trial stands for each class.
// Analyzers treat a namespace name as an opaque label: they compare it, key maps with it, join it into
// hosts and references and parse it back out, match it with `*` globs; the names they single out are
// in their code (NAMED_IN_CODE) or in the mesh config. So two trial namespaces differ, for an analyzer,
// only through what the workspace holds or says of them in the kinds that analyzer read
// (AnalyzerContext.reads): decided resources in them, their Namespace manifests, and strings that name
// them. A namespace the analyzer could see any of that for, beyond a Namespace manifest, is a class of its
// own; the others are grouped by their manifests (values without the name, in workspace order).
// Swapping two names of a class maps one trial onto the other and leaves every resource the finding is
// on untouched, except the classes' own manifests: findings on those are tried in each member.
import type { WorkspaceResource } from './analyzer';
import type { Workspace } from './workspace';
import { addReadTokens } from './workloadPods';
import { NAMED_IN_CODE } from './namedInCode.gen';
import type { Obj } from '../util/json';
import { DECIDED_NAMESPACES_TOKEN } from './context';

type Tokens = ReadonlySet<string>;

export class NamespaceClasses {
  /** Read tokens of the decided resources in each namespace. */
  private readonly occupied = new Map<string, Set<string>>();
  /** Namespace manifests by name (alternatives too), as keys: their values without the name. */
  private readonly manifests = new Map<string, string[]>();
  /** Read tokens of the resources whose strings name a token, and of those with a `*` glob fragment. */
  private readonly mentions = new Map<string, Set<string>>();
  private readonly globs = new Map<string, Set<string>>();
  /** Names the code or the mesh config singles out, and the fragments of the mesh config's globs. */
  private readonly special: ReadonlySet<string>;
  private readonly specialGlobs = new Set<string>();
  private readonly memo = new Map<string, string[][]>();

  constructor(
    ws: Workspace,
    meshConfig: Obj,
    /** The trial namespaces, in the order they are tried. */
    private readonly trials: readonly string[],
  ) {
    const special = new Set([ws.placement, ...NAMED_IN_CODE]);
    scanStrings(
      meshConfig,
      (t) => special.add(t),
      (g) => this.specialGlobs.add(g),
    );
    this.special = special;
    // Only a trial namespace's name is ever looked up among the mentions.
    const names = new Set(trials.map((ns) => ns.toLowerCase()));
    for (const r of ws.all) {
      const tokens = new Set<string>();
      addReadTokens(tokens, r.kind);
      const isManifest = r.kind === 'Namespace';
      if (isManifest) push(this.manifests, r.name, manifestKey(r, ws));
      else if (r.nsKnown) for (const t of [...tokens, DECIDED_NAMESPACES_TOKEN]) add(this.occupied, r.ns, t);
      const scan = scanOf(r);
      for (const t of scan.tokens) if (names.has(t)) for (const k of tokens) add(this.mentions, t, k);
      for (const g of scan.globs) for (const k of tokens) add(this.globs, g, k);
    }
  }

  /** The trial namespaces in classes for an analyzer that read `reads`; a class's first is its representative. */
  classes(reads: Tokens): readonly (readonly string[])[] {
    const memoKey = [...reads].sort().join('\u0000');
    let out = this.memo.get(memoKey);
    if (out) return out;
    const relevant = (ts: Tokens | undefined) =>
      !!ts && (reads.has('*') || [...ts].some((t) => reads.has(t)));
    const byKey = new Map<string, string[]>();
    out = [];
    for (const ns of this.trials) {
      const name = ns.toLowerCase();
      const alone =
        !/^[a-z0-9-]+$/.test(name) || // not one token of the scan: it could hide in any string
        this.special.has(name) ||
        [...this.specialGlobs].some((g) => name.includes(g)) ||
        relevant(this.occupied.get(ns)) ||
        relevant(this.mentions.get(name)) ||
        [...this.globs].some(([g, ts]) => name.includes(g) && relevant(ts));
      const key = relevant(new Set(['Namespace'])) ? JSON.stringify(this.manifests.get(ns) ?? []) : '';
      const cls = alone ? undefined : byKey.get(key);
      if (cls) cls.push(ns);
      else {
        const fresh = [ns];
        if (!alone) byKey.set(key, fresh);
        out.push(fresh);
      }
    }
    this.memo.set(memoKey, out);
    return out;
  }
}

/** The namespace a resource belongs to for grouping: a manifest's name, a decided resource's namespace. */
export function namespaceOf(r: WorkspaceResource): string | undefined {
  return r.kind === 'Namespace' ? r.name : r.nsKnown ? r.ns : undefined;
}

function manifestKey(r: WorkspaceResource, ws: Workspace): string {
  const meta = r.value.metadata;
  const rest = meta && typeof meta === 'object' ? { ...(meta as Obj), name: undefined } : meta;
  try {
    return `${r.group}\u0000${ws.shadowedBy.has(r)}\u0000${JSON.stringify({ ...r.value, metadata: rest })}`;
  } catch {
    return `\u0001${ws.all.indexOf(r)}`; // not serialisable (a cycle): unlike any other
  }
}

interface Scan {
  name: string;
  ns: string;
  tokens: readonly string[];
  globs: readonly string[];
}

/** The strings' runs of a resource's value, kept per value: analysis re-runs on each edit, documents mostly unchanged. */
const scans = new WeakMap<object, Scan>();

function scanOf(r: WorkspaceResource): Scan {
  const hit = scans.get(r.value);
  if (hit && hit.name === r.name && hit.ns === r.ns) return hit;
  const tokens = new Set<string>();
  const globs = new Set<string>();
  scanStrings(
    r.value,
    (t) => tokens.add(t),
    (g) => globs.add(g),
    r,
  );
  const scan = { name: r.name, ns: r.ns, tokens: [...tokens], globs: [...globs] };
  scans.set(r.value, scan);
  return scan;
}

/**
 * Calls `token` with each lowercase DNS-label run of every string, number and key of `value` (an
 * analyzer may lowercase a host), and `glob` with the runs that touch a `*`: a namespace joined into a
 * string with `.` or `/` meets a glob's match only where it is one of its runs, or holds the run at the
 * `*` (`prod-*`, `*-test`). Of `own`'s metadata, its name (a name is not a namespace; a manifest's is
 * its key) and its own namespace are not read.
 */
function scanStrings(
  value: unknown,
  token: (t: string) => void,
  glob: (g: string) => void,
  own?: WorkspaceResource,
): void {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  const text = (s: string) => {
    // Most strings (names, labels, keys) are one lowercase run already.
    if (ONE_RUN.test(s)) return token(s);
    const lower = s.toLowerCase();
    if (!lower.includes('*')) {
      for (const p of lower.split(/[^a-z0-9-]+/)) if (p) token(p);
      return;
    }
    for (const m of lower.matchAll(/[a-z0-9-]+/g)) {
      const end = m.index + m[0].length;
      (lower[m.index - 1] === '*' || lower[end] === '*' ? glob : token)(m[0]);
    }
  };
  const meta = own?.value.metadata;
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') text(v);
    else if (typeof v === 'number' || typeof v === 'bigint') text(String(v));
    else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      for (const k of Object.keys(v)) {
        const child = (v as Record<string, unknown>)[k];
        text(k);
        if (v === meta && ((k === 'name' && child === own?.name) || (k === 'namespace' && child === own?.ns)))
          continue;
        stack.push(child);
      }
    }
  }
}

const ONE_RUN = /^[a-z0-9-]+$/;

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (s) s.add(v);
  else m.set(k, new Set([v]));
}

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
