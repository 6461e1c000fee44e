// Lexer for Go text/template: splits a template into text and action tokens, applying the
// `{{-` / `-}}` whitespace trim markers and dropping comments, as Go's text/template/parse does.

export type Tok =
  | { t: 'text'; v: string }
  | { t: 'open'; pos: number }
  | { t: 'close' }
  | { t: 'ident'; v: string } // keyword or function name
  | { t: 'field'; v: string; chained: boolean } // .Name (one segment); chained: glued to the operand before it
  | { t: 'dot' }
  | { t: 'var'; v: string } // $ or $name
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  | { t: 'lparen' }
  | { t: 'rparen' }
  | { t: 'pipe' }
  | { t: 'declare' }
  | { t: 'assign' }
  | { t: 'comma' };

export class TemplateSyntaxError extends Error {}

const SPACE = /[ \t\r\n]/;
/** The punctuation tokens of an action (`:=` before `=`). */
const PUNCTUATION: readonly [string, 'lparen' | 'rparen' | 'pipe' | 'comma' | 'declare' | 'assign'][] = [
  ['(', 'lparen'],
  [')', 'rparen'],
  ['|', 'pipe'],
  [',', 'comma'],
  [':=', 'declare'],
  ['=', 'assign'],
];

export function lex(src: string, name: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let trimNext = false;
  const lineOf = (pos: number) => src.slice(0, pos).split('\n').length;
  const fail = (pos: number, msg: string): never => {
    throw new TemplateSyntaxError(`template: ${name}:${lineOf(pos)}: ${msg}`);
  };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    trimNext = false;
    if (open < 0) {
      if (text) out.push({ t: 'text', v: text });
      break;
    }
    let p = open + 2;
    if (src[p] === '-' && SPACE.test(src[p + 1] ?? '')) {
      text = text.replace(/[ \t\r\n]+$/, '');
      p += 1;
    }
    if (text) out.push({ t: 'text', v: text });
    // Comment: {{/* ... */}} with optional trim markers.
    const afterSpace = src.slice(p).match(/^[ \t\r\n]*/)![0].length;
    if (src.startsWith('/*', p + afterSpace)) {
      const end = src.indexOf('*/', p + afterSpace + 2);
      if (end < 0) fail(open, 'unclosed comment');
      let q = end + 2;
      while (SPACE.test(src[q] ?? '')) q++;
      if (src.startsWith('-}}', q)) {
        trimNext = true;
        q += 3;
      } else if (src.startsWith('}}', q)) q += 2;
      else fail(open, 'comment ends before closing delimiter');
      i = q;
      continue;
    }
    out.push({ t: 'open', pos: open });
    i = lexAction(src, p, out, fail, (trim) => {
      trimNext = trim;
    });
  }
  return out;
}

function lexAction(
  src: string,
  start: number,
  out: Tok[],
  fail: (pos: number, msg: string) => never,
  setTrim: (t: boolean) => void,
): number {
  let p = start;
  for (;;) {
    if (p >= src.length) fail(start, 'unclosed action');
    const c = src[p];
    if (SPACE.test(c)) {
      // ' -}}' closes with trim.
      let q = p;
      while (SPACE.test(src[q] ?? '')) q++;
      if (src.startsWith('-}}', q)) {
        out.push({ t: 'close' });
        setTrim(true);
        return q + 3;
      }
      p = q;
      continue;
    }
    if (src.startsWith('}}', p)) {
      out.push({ t: 'close' });
      setTrim(false);
      return p + 2;
    }
    const punct = PUNCTUATION.find(([text]) => src.startsWith(text, p));
    if (punct) {
      out.push({ t: punct[1] });
      p += punct[0].length;
      continue;
    }
    if (c === '"') {
      let q = p + 1;
      let s = '';
      while (src[q] !== '"') {
        if (q >= src.length || src[q] === '\n') fail(p, 'unterminated quoted string');
        if (src[q] === '\\') {
          const e = src[q + 1];
          const map: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            '\\': '\\',
            '"': '"',
            "'": "'",
            a: '\x07',
            b: '\b',
            f: '\f',
            v: '\v',
            '0': '\0',
          };
          const hexDigits = e === 'x' ? 2 : e === 'u' ? 4 : 0; // \xHH, \uHHHH
          if (hexDigits) {
            s += String.fromCharCode(parseInt(src.slice(q + 2, q + 2 + hexDigits), 16));
            q += 2 + hexDigits;
            continue;
          }
          s += map[e] ?? e;
          q += 2;
          continue;
        }
        s += src[q++];
      }
      out.push({ t: 'string', v: s });
      p = q + 1;
      continue;
    }
    if (c === '`') {
      const q = src.indexOf('`', p + 1);
      if (q < 0) fail(p, 'unterminated raw quoted string');
      out.push({ t: 'string', v: src.slice(p + 1, q) });
      p = q + 1;
      continue;
    }
    if (c === "'") {
      const q = src.indexOf("'", p + 1);
      if (q < 0) fail(p, 'unterminated character constant');
      out.push({ t: 'number', v: src.charCodeAt(p + 1) });
      p = q + 1;
      continue;
    }
    if (c === '.' && /[A-Za-z_]/.test(src[p + 1] ?? '')) {
      const m = src.slice(p + 1).match(/^[A-Za-z_][A-Za-z0-9_]*/)!;
      out.push({ t: 'field', v: m[0], chained: p > start && /[A-Za-z0-9_)$]/.test(src[p - 1]) });
      p += 1 + m[0].length;
      continue;
    }
    if (c === '.') {
      out.push({ t: 'dot' });
      p++;
      continue;
    }
    if (c === '$') {
      const m = src.slice(p + 1).match(/^[A-Za-z0-9_]*/)!;
      out.push({ t: 'var', v: '$' + m[0] });
      p += 1 + m[0].length;
      continue;
    }
    const num = src
      .slice(p)
      .match(/^[+-]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?)/);
    if (num && num[0] && /\d/.test(num[0])) {
      const raw = num[0].replace(/_/g, '');
      const v = /^[+-]?0[oO]/.test(raw)
        ? parseInt(raw.replace(/0[oO]/, ''), 8) * (raw.startsWith('-') ? -1 : 1)
        : Number(raw);
      if (Number.isNaN(v)) fail(p, `bad number syntax: ${num[0]}`);
      out.push({ t: 'number', v });
      p += num[0].length;
      continue;
    }
    const id = src.slice(p).match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (id) {
      const w = id[0];
      if (w === 'true' || w === 'false') out.push({ t: 'bool', v: w === 'true' });
      else if (w === 'nil') out.push({ t: 'nil' });
      else out.push({ t: 'ident', v: w });
      p += w.length;
      continue;
    }
    fail(p, `unexpected ${JSON.stringify(c)} in command`);
  }
}
