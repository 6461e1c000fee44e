// Where Kubernetes' YAML reader (go-yaml v2, through sigs.k8s.io/yaml) refuses text that the YAML
// spec, and our parser, accept. go-yaml is the truth: kubectl and the API server read manifests with
// it. Each check follows go-yaml's scanner (scannerc.go):
// - inside a flow collection, ':' (and '?') at the start of an unquoted value is an indicator, never
//   text: `[::1, ::]` (IPv6 addresses) does not parse ("did not find expected node content");
// - inside a flow collection, ':' ends an unquoted value only when a space follows it: `[a:, b]`
//   holds the string "a:", not the mapping {a: null} the spec reads;
// - in block context, a tab may not stand where a new token may start (indentation, blank lines, right
//   after `- ` or `? `): "found character that cannot start any token";
// - anchor and alias names are letters, digits, `_` and `-` only;
// - a `%YAML` directive must say 1.1: "found incompatible YAML document";
// - a mapping key is a scalar other than null: go-yaml refuses a sequence or mapping key ("invalid map
//   key"), and sigs.k8s.io/yaml a null one when it turns the document into JSON ("unsupported map key").
// Scalars resolve as go-yaml's resolve.go does (goYamlTags, used by parseFile).
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Scalar,
  type Document,
  type Node,
  type Pair,
  type Tags,
  type YAMLMap,
} from 'yaml';

/** Go's strconv.ParseInt(s, 0, 64) prefixes the YAML 1.1 schema lacks (go-yaml strips `_` first). */
const GO_PREFIXED_INT = {
  identify: (v: unknown): boolean => typeof v === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+]?0(?:[oO][0-7_]+|[xX][0-9a-fA-F_]+|[bB][01_]+)$/,
  resolve(src: string): number {
    const s = src.replace(/_/g, '');
    const neg = s.startsWith('-');
    const body = s.replace(/^[-+]/, '');
    const base = { o: 8, x: 16, b: 2 }[body[1].toLowerCase() as 'o' | 'x' | 'b'];
    const n = parseInt(body.slice(2), base);
    return neg ? -n : n;
  },
};

/**
 * go-yaml's plain floats: `_` stripped, then `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
 * The YAML 1.1 schema also reads `.` and `._` as NaN: go-yaml reads strings (`exportTo: [.]`).
 */
const DIGITS = '[0-9_]*[0-9][0-9_]*';
const GO_FLOAT = new RegExp(`^[-+]?(?:_*\\.${DIGITS}|${DIGITS}(?:\\.[0-9_]*)?)$`);
const GO_FLOAT_EXP = new RegExp(`^[-+]?(?:_*\\.${DIGITS}|${DIGITS}(?:\\.[0-9_]*)?)[eE][-+]?[0-9]+$`);

function goFloat(tag: Tags[number]): Tags[number] {
  const t = tag as { tag?: string; test?: RegExp };
  if (t.tag !== 'tag:yaml.org,2002:float' || !t.test || t.test.source.includes('inf')) return tag;
  return { ...t, test: t.test.source.includes('[eE]') ? GO_FLOAT_EXP : GO_FLOAT } as Tags[number];
}

const STR = 'tag:yaml.org,2002:str';

/**
 * Plain scalars that only the string tag can take: a letter first (every number, timestamp and `.nan`
 * starts with a digit, a sign, `.` or `_`, the merge key with `<`), and not one of YAML 1.1's null and
 * boolean words. Most scalars of a manifest (all its keys) are such words: tested before the others,
 * they skip a dozen patterns. `test/rules/go-yaml.test.ts` holds it to the other tags.
 */
export const PLAIN_WORD =
  /^(?!(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$)[A-Za-z]/;

/** The YAML 1.1 tags, resolved as go-yaml v2 does: without base-60 numbers, with Go's int prefixes and floats. */
export function goYamlTags(tags: Tags): Tags {
  const out: Tags = [GO_PREFIXED_INT];
  for (const t of tags) {
    if ((t as { format?: string }).format === 'TIME') continue;
    out.push(goFloat(t));
    // After the library's string tag, which serialization keeps choosing.
    if ((t as { tag?: string }).tag === STR) out.push({ ...(t as object), test: PLAIN_WORD } as Tags[number]);
  }
  return out;
}

export interface GoYamlProblem {
  /** [start, end) in the file. */
  span: [number, number];
  message: string;
}

/** Per document AST: the problems and the document start they were computed at. */
const cache = new WeakMap<Document.Parsed, { start: number; problems: GoYamlProblem[] }>();

/**
 * go-yaml's objections to one parsed document (computed once per document AST; an incremental
 * re-parse moves a reused document in place, so spans follow its start).
 */
export function goYamlProblems(ast: Document.Parsed, text: string): GoYamlProblem[] {
  let c = cache.get(ast);
  if (!c) cache.set(ast, (c = { start: ast.range[0], problems: scan(ast, text) }));
  const delta = ast.range[0] - c.start;
  if (delta === 0) return c.problems;
  return c.problems.map((p) => ({ ...p, span: [p.span[0] + delta, p.span[1] + delta] }));
}

const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;
/** The characters that start an anchor, an alias, a flow collection or an explicit key. */
const SCANNED = /[&*[{?]/;
/** A block key that is empty or null: `: x`, `- : x`, `~: x`, `null: x`. */
const NULL_KEY = /^[ \t-]*(?:~|null|Null|NULL)?:(?:[ \t]|$)/m;
const MAX_NODES = 200_000;

interface Spans {
  /** Offsets covered by scalars and flow collections: not scan_to_next_token's territory. */
  covered: [number, number][];
}

function scan(ast: Document.Parsed, text: string): GoYamlProblem[] {
  const out: GoYamlProblem[] = [];
  const spans: Spans = { covered: [] };
  // Each objection needs its character in the document: `&` (anchor), `*` (alias), `[` or `{` (flow
  // collection), a tab. Most documents have none: then there is nothing to walk.
  const tab = tabIn(text, ast.range[0], ast.range[2]) >= 0;
  const body = text.slice(ast.range[0], ast.range[2]);
  const walk = tab || SCANNED.test(body) || NULL_KEY.test(body);
  const stack: { node: unknown; flow: boolean }[] = walk ? [{ node: ast.contents, flow: false }] : [];
  let visited = 0;
  while (stack.length && visited++ < MAX_NODES) {
    const { node, flow } = stack.pop()!;
    if (isAlias(node)) {
      if (!ANCHOR_NAME.test(node.source) && node.range)
        out.push({ span: [node.range[0], node.range[1]], message: anchorMessage('alias') });
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const n = node as Node;
    if (n.anchor && !ANCHOR_NAME.test(n.anchor)) {
      const at = n.range ? text.lastIndexOf(`&${n.anchor}`, n.range[0]) : -1;
      if (at >= 0) out.push({ span: [at, at + n.anchor.length + 1], message: anchorMessage('anchor') });
    }
    if (isScalar(n)) {
      if (tab && n.range) spans.covered.push([n.range[0], n.range[1]]);
      if (flow && n.type === Scalar.PLAIN && n.range) flowColon(n.range, text, out);
    } else if (isMap(n) || isSeq(n)) {
      const inFlow = flow || !!n.flow;
      if (tab && n.flow && !flow && n.range) spans.covered.push([n.range[0], n.range[1]]);
      if (isMap(n)) for (const p of n.items) if (isPair(p)) badKey(p, n, ast, out);
      const items: unknown[] = isMap(n)
        ? n.items.flatMap((p) => (isPair(p) ? [p.value, p.key] : []))
        : n.items;
      for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i], flow: inFlow });
    }
  }
  if (tab) blockTabs(ast, text, spans, out);
  const yaml = ast.directives?.yaml;
  if (yaml?.explicit && yaml.version !== '1.1') {
    const at = text.lastIndexOf('%YAML', ast.range[0]);
    if (at >= 0)
      out.push({
        span: [at, text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at)],
        message: `found incompatible YAML document (Kubernetes reads YAML with go-yaml v2, which only reads %YAML 1.1)`,
      });
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/** A key go-yaml or its JSON conversion refuses: a collection (an alias of one too), or null. */
function badKey(pair: Pair, map: YAMLMap, ast: Document.Parsed, out: GoYamlProblem[]): void {
  const key = pair.key as Node | null;
  const target = isAlias(key) ? key.resolve(ast) : key;
  const span = spanOf(key, pair, map);
  if (!span) return;
  if (isMap(target) || isSeq(target))
    out.push({
      span,
      message: `invalid map key: a ${isMap(target) ? 'mapping' : 'sequence'} (Kubernetes reads YAML with go-yaml, which takes only a scalar as a key)`,
    });
  else if (target == null || (isScalar(target) && target.value === null))
    out.push({
      span,
      message:
        'unsupported map key of type: <nil> (Kubernetes turns YAML into JSON, whose keys are strings: a key that is empty or null is refused)',
    });
}

/** Where to report on a key: its own range, or where its value starts when it has none (`: x`). */
function spanOf(key: Node | null, pair: Pair, map: YAMLMap): [number, number] | undefined {
  if (key?.range) return [key.range[0], Math.max(key.range[1], key.range[0])];
  const value = pair.value as Node | null;
  const at = value?.range?.[0] ?? map.range?.[0];
  return at === undefined ? undefined : [at, at];
}

function anchorMessage(what: 'anchor' | 'alias'): string {
  return `while scanning an ${what}: did not find expected alphabetic or numeric character (Kubernetes reads YAML with go-yaml: ${what} names are letters, digits, '_' and '-')`;
}

/** Unquoted values in a flow collection where go-yaml's scanner reads ':' differently from the spec. */
function flowColon(range: [number, number, number], text: string, out: GoYamlProblem[]): void {
  const first = text[range[0]];
  if (first === ':' || first === '?')
    out.push({
      span: [range[0], range[1]],
      message:
        `did not find expected node content (Kubernetes reads YAML with go-yaml: inside [...] or {...}, '${first}' at ` +
        'the start of an unquoted value is an indicator, not text: quote the value)',
    });
  // `a:` right before a flow indicator: go-yaml keeps the ':' in the string.
  if (text[range[1]] === ':' && /^[,[\]{}?]$/.test(text[range[1] + 1] ?? ''))
    out.push({
      span: [range[0], range[1] + 1],
      message:
        `Kubernetes reads this as the string ${JSON.stringify(text.slice(range[0], range[1] + 1))}, not as a key: ` +
        "go-yaml ends an unquoted value at ':' only when a space follows (write ': ' or quote the value)",
    });
}

/** Tabs where go-yaml's scanner may start a token in block context. */
function blockTabs(ast: Document.Parsed, text: string, spans: Spans, out: GoYamlProblem[]): void {
  const [start, , end] = ast.range;
  const first = tabIn(text, start, end);
  if (first < 0) return;
  const covered = spans.covered.sort((a, b) => a[0] - b[0]);
  const reported = ast.errors.map((e) => e.pos);
  let c = 0;
  for (let p = first; p >= 0; p = tabIn(text, p + 1, end)) {
    while (c < covered.length && covered[c][1] <= p) c++;
    if (c < covered.length && covered[c][0] <= p) {
      p = covered[c][1] - 1; // skip the scalar or flow collection
      continue;
    }
    if (inComment(text, p) || reported.some(([a, b]) => a <= p && p <= b)) continue;
    let q = p - 1;
    while (q >= 0 && (text[q] === ' ' || text[q] === '\t')) q--;
    const prev = q < 0 ? '\n' : text[q];
    const lineStart = prev === '\n' || prev === '\r';
    // After a key's ':' go-yaml allows tabs (no simple key may follow one); after '- ' and '? ' it does not.
    const indicator = (prev === '?' || prev === '-') && (q === 0 || /\s/.test(text[q - 1]));
    if (!lineStart && !indicator) continue;
    if (prev === '-' && text.slice(q - 2, q + 1) === '---') continue; // after a document marker: allowed
    out.push({
      span: [p, p + 1],
      message:
        'found character that cannot start any token (Kubernetes reads YAML with go-yaml, which refuses a tab ' +
        (lineStart ? 'in indentation or on a blank line' : `after '${prev}'`) +
        '; use spaces)',
    });
  }
}

/** The first tab in text[from, end), or -1 (never searching past the document). */
function tabIn(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 9) return i;
  return -1;
}

/** Whether offset p is inside a `#` comment (a `#` after whitespace, outside scalars, on its line). */
function inComment(text: string, p: number): boolean {
  const lineStart = text.lastIndexOf('\n', p - 1) + 1;
  const hash = text.slice(lineStart, p).search(/(^|[ \t])#/);
  return hash >= 0;
}
