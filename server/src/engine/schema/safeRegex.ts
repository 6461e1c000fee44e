// Linear-time matching of CRD `pattern`s. The API server uses Go's RE2 (no backtracking); a JS
// RegExp backtracks, and Gateway API's `^[!-~]+([\t ]?[!-~]+)*$` takes seconds on a 25-character
// header value. So patterns are compiled to a Thompson NFA and simulated state-set by state-set:
// O(input × states), whatever the input. Supports the RE2 subset CRDs use (classes, groups,
// alternation, ? * + {n,m}, ^ $ .); anything else compiles to undefined and is not checked.

type Pred = (c: number) => boolean;
type Ast =
  | { t: 'char'; p: Pred }
  | { t: 'seq'; items: Ast[] }
  | { t: 'alt'; items: Ast[] }
  | { t: 'rep'; node: Ast; min: number; max: number }
  | { t: 'bol' }
  | { t: 'eol' };

const MAX_STATES = 20_000;
const MAX_NESTING = 64;
const MAX_REPEAT = 1000;

class Unsupported extends Error {}

class Parser {
  i = 0;
  depth = 0;
  constructor(private readonly s: string) {}

  parse(): Ast {
    const a = this.alt();
    if (this.i < this.s.length) throw new Unsupported('trailing');
    return a;
  }

  private alt(): Ast {
    if (++this.depth > MAX_NESTING) throw new Unsupported('nesting');
    const items = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      items.push(this.seq());
    }
    this.depth--;
    return items.length === 1 ? items[0] : { t: 'alt', items };
  }

  private seq(): Ast {
    const items: Ast[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')')
      items.push(this.repeat(this.atom()));
    return { t: 'seq', items };
  }

  private repeat(node: Ast): Ast {
    for (;;) {
      const c = this.s[this.i];
      let min: number, max: number;
      if (c === '*') {
        min = 0;
        max = Infinity;
        this.i++;
      } else if (c === '+') {
        min = 1;
        max = Infinity;
        this.i++;
      } else if (c === '?') {
        min = 0;
        max = 1;
        this.i++;
      } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.s.slice(this.i))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i))!;
        this.i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT) || max < min)
          throw new Unsupported('repeat');
      } else return node;
      if (this.s[this.i] === '?') this.i++; // lazy: same language
      node = { t: 'rep', node, min, max };
    }
  }

  private atom(): Ast {
    const c = this.s[this.i++];
    switch (c) {
      case '(': {
        if (this.s[this.i] === '?') {
          if (this.s[this.i + 1] !== ':') throw new Unsupported('group flag');
          this.i += 2;
        }
        const inner = this.alt();
        if (this.s[this.i++] !== ')') throw new Unsupported('unclosed group');
        return inner;
      }
      case '[':
        return { t: 'char', p: this.cls() };
      case '.':
        return { t: 'char', p: (x) => x !== 10 && x !== 13 && x !== 0x2028 && x !== 0x2029 };
      case '^':
        return { t: 'bol' };
      case '$':
        return { t: 'eol' };
      case '\\':
        return { t: 'char', p: this.escape(false) };
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case undefined:
        if (c === '{') return { t: 'char', p: (x) => x === 123 };
        throw new Unsupported('misplaced ' + c);
      default: {
        const code = c.charCodeAt(0);
        return { t: 'char', p: (x) => x === code };
      }
    }
  }

  /** After `\`: a class escape or one literal code unit. */
  private escape(inClass: boolean): Pred {
    const c = this.s[this.i++];
    if (c === undefined) throw new Unsupported('dangling escape');
    const digit: Pred = (x) => x >= 48 && x <= 57;
    const word: Pred = (x) => digit(x) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95;
    const space: Pred = (x) => x === 32 || (x >= 9 && x <= 13);
    switch (c) {
      case 'd':
        return digit;
      case 'D':
        return (x) => !digit(x);
      case 'w':
        return word;
      case 'W':
        return (x) => !word(x);
      case 's':
        return space;
      case 'S':
        return (x) => !space(x);
      case 't':
        return lit(9);
      case 'n':
        return lit(10);
      case 'r':
        return lit(13);
      case 'f':
        return lit(12);
      case 'v':
        return lit(11);
      case 'x':
      case 'u': {
        const len = c === 'x' ? 2 : 4;
        const hex = this.s.slice(this.i, this.i + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Unsupported('bad hex escape');
        this.i += len;
        return lit(parseInt(hex, 16));
      }
      case 'b':
      case 'B':
        if (!inClass) throw new Unsupported('word boundary');
        return lit(8);
      default:
        if (/[A-Za-z0-9]/.test(c)) throw new Unsupported('escape \\' + c);
        return lit(c.charCodeAt(0));
    }
  }

  private cls(): Pred {
    let negate = false;
    if (this.s[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const preds: Pred[] = [];
    let first = true;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw new Unsupported('unclosed class');
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[' && this.s[this.i + 1] === ':') throw new Unsupported('posix class');
      const lo = this.classAtom();
      if (
        this.s[this.i] === '-' &&
        this.s[this.i + 1] !== ']' &&
        this.s[this.i + 1] !== undefined &&
        typeof lo === 'number'
      ) {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi !== 'number' || hi < lo) throw new Unsupported('bad range');
        preds.push((x) => x >= lo && x <= hi);
      } else preds.push(typeof lo === 'number' ? lit(lo) : lo);
    }
    const any: Pred = (x) => preds.some((p) => p(x));
    return negate ? (x) => !any(x) : any;
  }

  /** One class member: a code unit, or a predicate for `\d`-style escapes. */
  private classAtom(): number | Pred {
    const c = this.s[this.i++];
    if (c !== '\\') return c.charCodeAt(0);
    const save = this.i;
    const e = this.s[this.i];
    if ('dDwWsS'.includes(e)) return this.escape(true);
    this.i = save;
    const p = this.escape(true);
    // Literal escapes become their code unit so they can start a range.
    for (let x = 0; x < 0x10000; x++) if (p(x)) return x;
    return p;
  }
}

function lit(code: number): Pred {
  return (x) => x === code;
}

// NFA: states built backwards in continuation style (each node knows where it continues).
const EPS = 0,
  CHAR = 1,
  BOL = 2,
  EOL = 3,
  MATCH = 4;
interface State {
  k: number;
  to: number[];
  p?: Pred;
}

export class SafeRegex {
  private constructor(
    private readonly states: State[],
    private readonly start: number,
  ) {}

  /** A linear-time matcher for an RE2-style pattern, or undefined when the syntax is not supported. */
  static compile(pattern: string): SafeRegex | undefined {
    try {
      const ast = new Parser(pattern).parse();
      const states: State[] = [{ k: MATCH, to: [] }];
      const add = (s: State): number => {
        if (states.length >= MAX_STATES) throw new Unsupported('too many states');
        states.push(s);
        return states.length - 1;
      };
      const build = (n: Ast, next: number, depth: number): number => {
        if (depth > MAX_NESTING * 2) throw new Unsupported('nesting');
        switch (n.t) {
          case 'char':
            return add({ k: CHAR, to: [next], p: n.p });
          case 'bol':
            return add({ k: BOL, to: [next] });
          case 'eol':
            return add({ k: EOL, to: [next] });
          case 'seq': {
            let cur = next;
            for (let i = n.items.length - 1; i >= 0; i--) cur = build(n.items[i], cur, depth + 1);
            return cur;
          }
          case 'alt':
            return add({ k: EPS, to: n.items.map((x) => build(x, next, depth + 1)) });
          case 'rep': {
            let cur = next;
            if (n.max === Infinity) {
              const loop = add({ k: EPS, to: [] });
              states[loop].to = [build(n.node, loop, depth + 1), next];
              cur = loop;
            } else {
              for (let i = 0; i < n.max - n.min; i++)
                cur = add({ k: EPS, to: [build(n.node, cur, depth + 1), next] });
            }
            for (let i = 0; i < n.min; i++) cur = build(n.node, cur, depth + 1);
            return cur;
          }
        }
      };
      const start = build(ast, 0, 0);
      return new SafeRegex(states, start);
    } catch (e) {
      if (e instanceof Unsupported) return undefined;
      throw e;
    }
  }

  /** Like RegExp.prototype.test: is there a match anywhere in s? */
  test(s: string): boolean {
    const n = this.states.length;
    const mark = new Int32Array(n).fill(-1);
    let gen = 0;
    let cur: number[] = [];
    let next: number[] = [];
    const stack: number[] = [];
    const close = (from: number, pos: number, into: number[]): boolean => {
      stack.push(from);
      while (stack.length) {
        const i = stack.pop()!;
        if (mark[i] === gen) continue;
        mark[i] = gen;
        const st = this.states[i];
        switch (st.k) {
          case MATCH:
            stack.length = 0;
            return true;
          case CHAR:
            into.push(i);
            break;
          case EPS:
            for (let j = st.to.length - 1; j >= 0; j--) stack.push(st.to[j]);
            break;
          case BOL:
            if (pos === 0) stack.push(st.to[0]);
            break;
          case EOL:
            if (pos === s.length) stack.push(st.to[0]);
            break;
        }
      }
      return false;
    };
    for (let pos = 0; ; pos++) {
      // Unanchored search: a match may start at any position.
      if (close(this.start, pos, cur)) return true;
      if (pos === s.length) return false;
      const c = s.charCodeAt(pos);
      gen++;
      next.length = 0;
      for (const i of cur) {
        const st = this.states[i];
        if (st.p!(c) && close(st.to[0], pos + 1, next)) return true;
      }
      [cur, next] = [next, cur];
    }
  }
}
