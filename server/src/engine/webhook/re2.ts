// Go's regexp.Compile (RE2 syntax, Perl flags) as a syntax checker: the features RE2 rejects
// (lookarounds, backreferences, possessive and stacked repeats, \Z, \C, unknown classes...) and the
// repeat-count limit of 1000, with Go's error text: "error parsing regexp: <code>: `<expr>`".

const ERR = {
  charRange: 'invalid character class range',
  escape: 'invalid escape sequence',
  namedCapture: 'invalid named capture',
  perlOp: 'invalid or unsupported Perl syntax',
  repeatOp: 'invalid nested repetition operator',
  repeatSize: 'invalid repeat count',
  bracket: 'missing closing ]',
  paren: 'missing closing )',
  repeatArg: 'missing argument to repetition operator',
  backslash: 'trailing backslash at end of expression',
  unexpectedParen: 'unexpected )',
} as const;

class SyntaxError_ extends Error {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {
    super(code);
  }
}

const fail = (code: string, expr: string): never => {
  throw new SyntaxError_(code, expr);
};

/** Go's error for the regexp, or null when RE2 accepts it. */
export function re2Error(re: string): string | null {
  try {
    new Parser(re).parse();
    return null;
  } catch (e) {
    if (e instanceof SyntaxError_) return `error parsing regexp: ${e.code}: \`${e.expr}\``;
    throw e;
  }
}

/** A stack entry: an operand with the largest product of nested repeat counts inside it, or a marker. */
type Item = { kind: 'atom'; weight: number } | { kind: 'paren' } | { kind: 'bar' };

const POSIX = new Set(
  [
    'alnum',
    'alpha',
    'ascii',
    'blank',
    'cntrl',
    'digit',
    'graph',
    'lower',
    'print',
    'punct',
    'space',
    'upper',
    'word',
    'xdigit',
  ].flatMap((n) => [`[:${n}:]`, `[:^${n}:]`]),
);

function unicodeGroupExists(name: string): boolean {
  if (name === 'Any') return true;
  for (const form of [`\\p{${name}}`, `\\p{Script=${name}}`]) {
    try {
      new RegExp(form, 'u');
      // JS accepts long category names (Letter) and binary properties that Go lacks: keep Go's set.
      if (form.startsWith('\\p{Script=') || /^[A-Z][a-z]?$/.test(name)) return true;
    } catch {
      /* not this form */
    }
  }
  return false;
}

class Parser {
  private t: string;
  private stack: Item[] = [];

  constructor(private readonly whole: string) {
    this.t = whole;
  }

  parse(): void {
    let lastRepeat = '';
    while (this.t !== '') {
      let repeat = '';
      const c = this.t[0];
      if (c === '(') {
        if (this.t.startsWith('(?')) this.perlFlags();
        else {
          this.stack.push({ kind: 'paren' });
          this.t = this.t.slice(1);
        }
      } else if (c === '|') {
        this.collapse();
        this.stack.push({ kind: 'bar' });
        this.t = this.t.slice(1);
      } else if (c === ')') {
        this.rightParen();
        this.t = this.t.slice(1);
      } else if (c === '[') {
        this.charClass();
      } else if (c === '*' || c === '+' || c === '?') {
        const before = this.t;
        this.repeatOp(before, this.t.slice(1), lastRepeat, 0, 0);
        repeat = before;
      } else if (c === '{') {
        const before = this.t;
        const r = parseRepeat(this.t);
        if (!r) {
          this.atom();
          this.t = this.t.slice(1);
        } else {
          const { min, max, after } = r;
          if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max))
            fail(ERR.repeatSize, before.slice(0, before.length - after.length));
          this.repeatOp(before, after, lastRepeat, min, max);
          repeat = before;
        }
      } else if (c === '\\') {
        this.escapeAtom();
      } else {
        this.atom();
        this.t = this.t.slice(String.fromCodePoint(this.t.codePointAt(0)!).length);
      }
      lastRepeat = repeat;
    }
    this.collapse();
    if (this.stack.some((i) => i.kind === 'paren')) fail(ERR.paren, this.whole);
  }

  private atom(weight = 1): void {
    this.stack.push({ kind: 'atom', weight });
  }

  /** Concatenations and alternations since the last paren become one operand (their largest weight). */
  private collapse(): void {
    let w = 0;
    let any = false;
    while (this.stack.length && this.stack[this.stack.length - 1].kind !== 'paren') {
      const it = this.stack.pop()!;
      if (it.kind === 'atom') w = Math.max(w, it.weight);
      any = true;
    }
    if (any) this.atom(Math.max(w, 1));
  }

  private rightParen(): void {
    this.collapse();
    const n = this.stack.length;
    let inner = 1;
    let top = this.stack[n - 1];
    if (top && top.kind === 'atom') {
      inner = top.weight;
      this.stack.pop();
      top = this.stack[this.stack.length - 1];
    }
    if (!top || top.kind !== 'paren') fail(ERR.unexpectedParen, this.whole);
    this.stack.pop();
    this.atom(inner);
  }

  private repeatOp(before: string, after: string, lastRepeat: string, min: number, max: number): void {
    if (after.startsWith('?')) after = after.slice(1);
    if (lastRepeat !== '') fail(ERR.repeatOp, lastRepeat.slice(0, lastRepeat.length - after.length));
    const top = this.stack[this.stack.length - 1];
    if (!top || top.kind !== 'atom') fail(ERR.repeatArg, before.slice(0, before.length - after.length));
    const atom = top as { kind: 'atom'; weight: number };
    const isCount = before[0] === '{';
    if (isCount && (min >= 2 || max >= 2)) {
      const m = max === 0 ? 0 : max < 0 ? min : max;
      if (m > 0 && (m > 1000 || m * atom.weight > 1000))
        fail(ERR.repeatSize, before.slice(0, before.length - after.length));
    }
    if (isCount) {
      const m = max < 0 ? min : max;
      if (m > 0) atom.weight *= m;
    }
    this.t = after;
  }

  private perlFlags(): void {
    const s = this.t;
    const startsWithP = s.length > 4 && s[2] === 'P' && s[3] === '<';
    const startsWithName = s.length > 3 && s[2] === '<';
    if (startsWithP || startsWithName) {
      const end = s.indexOf('>');
      if (end < 0) fail(ERR.namedCapture, s);
      const name = s.slice(startsWithName ? 3 : 4, end);
      if (!/^[\p{L}\p{Nd}_]+$/u.test(name)) fail(ERR.namedCapture, s.slice(0, end + 1));
      this.stack.push({ kind: 'paren' });
      this.t = s.slice(end + 1);
      return;
    }
    let t = s.slice(2);
    let sign = 1;
    let sawFlag = false;
    while (t !== '') {
      const c = String.fromCodePoint(t.codePointAt(0)!);
      t = t.slice(c.length);
      if ('imsU'.includes(c)) sawFlag = true;
      else if (c === '-') {
        if (sign < 0) break;
        sign = -1;
        sawFlag = false;
      } else if (c === ':' || c === ')') {
        if (sign < 0 && !sawFlag) break;
        if (c === ':') this.stack.push({ kind: 'paren' });
        this.t = t;
        return;
      } else break;
    }
    fail(ERR.perlOp, s.slice(0, s.length - t.length));
  }

  private escapeAtom(): void {
    const t = this.t;
    if (t.length >= 2) {
      const c = t[1];
      if ('AbBz'.includes(c)) {
        this.atom();
        this.t = t.slice(2);
        return;
      }
      if (c === 'C') fail(ERR.escape, t.slice(0, 2));
      if (c === 'Q') {
        const lit = t.slice(2);
        const i = lit.indexOf('\\E');
        this.t = i >= 0 ? lit.slice(i + 2) : '';
        if ((i >= 0 ? i : lit.length) > 0) this.atom();
        return;
      }
      if (c === 'p' || c === 'P') {
        this.t = unicodeClass(t);
        this.atom();
        return;
      }
      if ('dDsSwW'.includes(c)) {
        this.t = t.slice(2);
        this.atom();
        return;
      }
    }
    this.t = parseEscape(t);
    this.atom();
  }

  private charClass(): void {
    const whole = this.t;
    let t = whole.slice(1);
    if (t.startsWith('^')) t = t.slice(1);
    let first = true;
    while (t === '' || t[0] !== ']' || first) {
      first = false;
      if (t.length > 2 && t[0] === '[' && t[1] === ':') {
        const end = t.indexOf(':]', 2);
        if (end >= 0) {
          const name = t.slice(0, end + 2);
          if (!POSIX.has(name)) fail(ERR.charRange, name);
          t = t.slice(end + 2);
          continue;
        }
      }
      if (t.length >= 2 && t[0] === '\\' && (t[1] === 'p' || t[1] === 'P')) {
        t = unicodeClass(t);
        continue;
      }
      if (t.length >= 2 && t[0] === '\\' && 'dDsSwW'.includes(t[1])) {
        t = t.slice(2);
        continue;
      }
      const rng = t;
      let lo: number;
      [lo, t] = classChar(t, whole);
      if (t.length >= 2 && t[0] === '-' && t[1] !== ']') {
        let hi: number;
        [hi, t] = classChar(t.slice(1), whole);
        if (hi < lo) fail(ERR.charRange, rng.slice(0, rng.length - t.length));
      }
    }
    this.t = t.slice(1);
    this.atom();
  }
}

/** A `{n}`, `{n,}` or `{n,m}` at the start of s; null when it is a literal `{`. */
function parseRepeat(s: string): { min: number; max: number; after: string } | null {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(s);
  if (!m) return null;
  const num = (d: string): number | null =>
    d.length >= 2 && d[0] === '0' ? null : d.length > 8 || Number(d) > 1e8 ? -1 : Number(d);
  const min = num(m[1]);
  if (min === null) return null;
  let max = min;
  if (m[2] !== undefined) {
    if (m[3] === '') max = -1;
    else {
      const x = num(m[3]);
      if (x === null) return null;
      max = x;
    }
  }
  return { min, max, after: s.slice(m[0].length) };
}

/** One escape sequence at the start of s (s[0] is `\`); returns the rest. */
function parseEscape(s: string): string {
  let t = s.slice(1);
  if (t === '') fail(ERR.backslash, '');
  const c = String.fromCodePoint(t.codePointAt(0)!);
  t = t.slice(c.length);
  if (c.length === 1 && c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9]/.test(c)) return t;
  if (c >= '1' && c <= '7') {
    // A single non-zero digit would be a backreference; octal needs another octal digit.
    if (t !== '' && t[0] >= '0' && t[0] <= '7') return octal(t);
  } else if (c === '0') {
    return octal(t);
  } else if (c === 'x') {
    if (t !== '') {
      const x = t[0];
      t = t.slice(1);
      if (x === '{') {
        let nhex = 0;
        let r = 0;
        for (;;) {
          if (t === '') break;
          const d = t[0];
          t = t.slice(1);
          if (d === '}') {
            if (nhex > 0) return t;
            break;
          }
          if (!/[0-9A-Fa-f]/.test(d)) break;
          r = r * 16 + parseInt(d, 16);
          if (r > 0x10ffff) break;
          nhex++;
        }
      } else {
        const y = t[0] ?? '';
        t = t.slice(y.length);
        if (/[0-9A-Fa-f]/.test(x) && /[0-9A-Fa-f]/.test(y)) return t;
      }
    }
  } else if ('afnrtv'.includes(c)) return t;
  return fail(ERR.escape, s.slice(0, s.length - t.length));
}

function octal(t: string): string {
  let i = 0;
  while (i < 2 && t[i] >= '0' && t[i] <= '7') i++;
  return t.slice(i);
}

function classChar(s: string, wholeClass: string): [number, string] {
  if (s === '') fail(ERR.bracket, wholeClass);
  if (s[0] === '\\') {
    const rest = parseEscape(s);
    const seq = s.slice(0, s.length - rest.length);
    return [escapeValue(seq), rest];
  }
  const cp = s.codePointAt(0)!;
  return [cp, s.slice(String.fromCodePoint(cp).length)];
}

/** The code point an escape sequence stands for (only its order matters: range checks). */
function escapeValue(seq: string): number {
  const c = seq[1];
  if (c === 'x') return parseInt(seq.slice(2).replace(/[{}]/g, ''), 16);
  if (c >= '0' && c <= '7') return parseInt(seq.slice(1), 8);
  const named: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  return named[c] ?? seq.codePointAt(1)!;
}

/** `\pL`, `\p{Greek}`, `\P{^Lu}` at the start of s; returns the rest. */
function unicodeClass(s: string): string {
  let t = s.slice(2);
  let seq: string;
  let name: string;
  if (!t.startsWith('{')) {
    const c = t === '' ? '' : String.fromCodePoint(t.codePointAt(0)!);
    t = t.slice(c.length);
    seq = s.slice(0, s.length - t.length);
    name = seq.slice(2);
  } else {
    const end = s.indexOf('}');
    if (end < 0) fail(ERR.charRange, s);
    seq = s.slice(0, end + 1);
    t = s.slice(end + 1);
    name = s.slice(3, end);
  }
  if (name.startsWith('^')) name = name.slice(1);
  if (!unicodeGroupExists(name)) fail(ERR.charRange, seq);
  return t;
}
