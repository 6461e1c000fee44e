// Parser for Go text/template: tokens → a tree of text, actions and control structures
// (if / else if / with / range / define / template / block / break / continue).
import { lex, TemplateSyntaxError, type Tok } from './lexer';

export type Arg =
  | { k: 'field'; path: string[] } // .A.B on dot
  | { k: 'dot' }
  | { k: 'var'; name: string; path: string[] } // $x.A.B
  | { k: 'ident'; name: string } // function name
  | { k: 'lit'; v: unknown }
  | { k: 'sub'; pipe: Pipe; path: string[] }; // (pipeline).A.B

export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Arg[][];
}

export type TNode =
  | { k: 'text'; v: string }
  | { k: 'action'; pipe: Pipe }
  | Control
  | { k: 'template'; name: string; pipe: Pipe | null }
  | { k: 'break' }
  | { k: 'continue' };

export interface Control {
  k: 'if' | 'with' | 'range';
  pipe: Pipe;
  body: TNode[];
  orElse: TNode[] | null;
}

export interface ParsedTemplate {
  root: TNode[];
  defines: Map<string, TNode[]>;
}

export function parseTemplate(src: string, name = 'inject'): ParsedTemplate {
  return new Parser(lex(src, name), name).parseAll();
}

class Parser {
  private i = 0;
  private defines = new Map<string, TNode[]>();
  constructor(
    private toks: Tok[],
    private name: string,
  ) {}

  parseAll(): ParsedTemplate {
    const { nodes, end } = this.list();
    if (end) this.fail(`unexpected {{${end}}}`);
    return { root: nodes, defines: this.defines };
  }

  private fail(msg: string): never {
    throw new TemplateSyntaxError(`template: ${this.name}: ${msg}`);
  }
  private peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) this.fail('unexpected end of template');
    return t;
  }
  private expect<T extends Tok['t']>(t: T): Extract<Tok, { t: T }> {
    const tok = this.next();
    if (tok.t !== t) this.fail(`expected ${t}, found ${tok.t}`);
    return tok as Extract<Tok, { t: T }>;
  }

  /** Parses nodes until {{end}} or {{else ...}} (not consumed beyond the keyword). */
  private list(): { nodes: TNode[]; end: 'end' | 'else' | null } {
    const nodes: TNode[] = [];
    while (this.i < this.toks.length) {
      const t = this.next();
      if (t.t === 'text') {
        nodes.push({ k: 'text', v: t.v });
        continue;
      }
      if (t.t !== 'open') this.fail(`unexpected ${t.t}`);
      const kw = this.peek();
      if (kw?.t === 'ident') {
        switch (kw.v) {
          case 'end':
            this.i++;
            this.expect('close');
            return { nodes, end: 'end' };
          case 'else':
            this.i++;
            return { nodes, end: 'else' };
          case 'if':
          case 'with':
          case 'range':
            this.i++;
            nodes.push(this.control(kw.v));
            continue;
          case 'define':
            this.i++;
            this.define();
            continue;
          case 'block': {
            this.i++;
            const name = this.expect('string').v;
            const pipe = this.pipeline();
            this.expect('close');
            const { nodes: body, end } = this.list();
            if (end !== 'end') this.fail('expected end after block');
            this.defines.set(name, body);
            nodes.push({ k: 'template', name, pipe });
            continue;
          }
          case 'template': {
            this.i++;
            const name = this.expect('string').v;
            const pipe = this.peek()?.t === 'close' ? null : this.pipeline();
            this.expect('close');
            nodes.push({ k: 'template', name, pipe });
            continue;
          }
          case 'break':
          case 'continue':
            this.i++;
            this.expect('close');
            nodes.push({ k: kw.v });
            continue;
        }
      }
      const pipe = this.pipeline();
      this.expect('close');
      nodes.push({ k: 'action', pipe });
    }
    return { nodes, end: null };
  }

  private control(kind: 'if' | 'with' | 'range'): TNode {
    const pipe = this.pipeline();
    this.expect('close');
    const { nodes: body, end } = this.list();
    if (end === null) this.fail(`unexpected EOF in ${kind}`);
    let orElse: TNode[] | null = null;
    if (end === 'else') {
      const nx = this.peek();
      if (nx?.t === 'ident' && (nx.v === 'if' || nx.v === 'with')) {
        // {{else if ...}}: an else branch holding one nested control that shares our {{end}}.
        this.i++;
        orElse = [this.control(nx.v)];
      } else {
        this.expect('close');
        const r = this.list();
        if (r.end !== 'end') this.fail(`expected end in ${kind}`);
        orElse = r.nodes;
      }
    }
    return { k: kind, pipe, body, orElse };
  }

  private define() {
    const name = this.expect('string').v;
    this.expect('close');
    const { nodes, end } = this.list();
    if (end !== 'end') this.fail(`expected end in define ${name}`);
    this.defines.set(name, nodes);
  }

  private pipeline(): Pipe {
    const pipe: Pipe = { decl: [], assign: false, cmds: [] };
    // Variable declarations: $x := / $i, $v := / $x =
    const save = this.i;
    const vars: string[] = [];
    while (this.peek()?.t === 'var') {
      vars.push((this.next() as { v: string }).v);
      const n = this.peek();
      if (n?.t === 'comma') {
        this.i++;
        continue;
      }
      if (n?.t === 'declare' || n?.t === 'assign') {
        this.i++;
        pipe.decl = vars;
        pipe.assign = n.t === 'assign';
        break;
      }
      vars.length = 0;
      this.i = save;
      break;
    }
    for (;;) {
      pipe.cmds.push(this.command());
      if (this.peek()?.t === 'pipe') {
        this.i++;
        continue;
      }
      break;
    }
    return pipe;
  }

  private command(): Arg[] {
    const args: Arg[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.t === 'close' || t.t === 'pipe' || t.t === 'rparen') break;
      args.push(this.operand());
    }
    if (!args.length) this.fail('missing value for command');
    return args;
  }

  private chain(): string[] {
    const path: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.t === 'field' && t.chained) {
        path.push(t.v);
        this.i++;
      } else break;
    }
    return path;
  }

  private operand(): Arg {
    const t = this.next();
    switch (t.t) {
      case 'field': {
        const path = [t.v, ...this.chain()];
        return { k: 'field', path };
      }
      case 'dot':
        return { k: 'dot' };
      case 'var':
        return { k: 'var', name: t.v, path: this.chain() };
      case 'ident':
        return { k: 'ident', name: t.v };
      case 'string':
      case 'number':
      case 'bool':
        return { k: 'lit', v: t.v };
      case 'nil':
        return { k: 'lit', v: null };
      case 'lparen': {
        const pipe = this.pipeline();
        this.expect('rparen');
        return { k: 'sub', pipe, path: this.chain() };
      }
      default:
        return this.fail(`unexpected ${t.t} in operand`);
    }
  }
}
