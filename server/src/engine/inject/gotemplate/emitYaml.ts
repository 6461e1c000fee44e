// A small, fast YAML emitter for JSON data (injected manifests), in kubectl's style: block
// mappings, sequences not indented under their key, literal blocks for multi-line strings.
// The yaml library's stringify is correct but several times slower, and previews run per keystroke.
import { isObj } from '../../util/json';

const RESERVED =
  /^(?:true|false|yes|no|on|off|y|n|null|~|True|False|TRUE|FALSE|Yes|No|YES|NO|On|Off|ON|OFF|Y|N|Null|NULL)$/;
const NUMBERISH =
  /^[-+]?(?:\.?\d|0x|0o|\.inf|\.nan|\.Inf|\.NaN|\.INF|\.NAN)|^[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?$/;
const PLAIN = /^[A-Za-z0-9_./$(][^\n\t\r]*$/;

function plainSafe(s: string): boolean {
  if (
    !s ||
    !PLAIN.test(s) ||
    RESERVED.test(s) ||
    NUMBERISH.test(s) ||
    (/^[-+0-9.eE_:xXoObB]*$/.test(s) && /[\d.]/.test(s))
  )
    return false;
  if (s.endsWith(' ') || s.endsWith(':') || s.includes(': ') || s.includes(' #')) return false;
  // Flow indicators are fine in block context, but keep the output unambiguous for every reader.
  return !/[{}[\],&*!|>'"%@`]/.test(s[0]);
}

function quote(s: string): string {
  return plainSafe(s) ? s : JSON.stringify(s);
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number')
    return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

function literal(s: string, indent: string): string | undefined {
  // Literal blocks keep multi-line values readable; anything unusual is double-quoted instead.
  if (!s.includes('\n') || hasControlChar(s) || /^[ \t\n]/.test(s)) return undefined;
  const body = s.replace(/\n+$/, '');
  const trailing = s.length - body.length;
  if (/[ \t]$/.test(body.split('\n').pop()!) && trailing === 0) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = body.split('\n').map((l) => (l ? indent + l : ''));
  for (let i = 1; i < trailing && chomp === '+'; i++) lines.push('');
  return `|${chomp}\n${lines.join('\n')}`;
}

function emit(v: unknown, indent: string, out: string[], seqIndent = ''): void {
  if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      const key = quote(k);
      if (isObj(x) && Object.keys(x).length) {
        out.push(`${indent}${key}:`);
        emit(x, indent + '  ', out, seqIndent);
      } else if (Array.isArray(x) && x.length) {
        out.push(`${indent}${key}:`);
        emit(x, indent + seqIndent, out, seqIndent);
      } else if (typeof x === 'string' && x.includes('\n')) {
        const lit = literal(x, indent + '  ');
        out.push(`${indent}${key}: ${lit ?? JSON.stringify(x)}`);
      } else out.push(`${indent}${key}: ${isObj(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`);
    }
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) {
      if (isObj(x) && Object.keys(x).length) {
        const lines: string[] = [];
        emit(x, indent + '  ', lines, seqIndent);
        lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
        out.push(...lines);
      } else if (Array.isArray(x) && x.length) {
        const lines: string[] = [];
        emit(x, indent + '  ', lines, seqIndent);
        lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
        out.push(...lines);
      } else if (typeof x === 'string' && x.includes('\n')) {
        out.push(`${indent}- ${literal(x, indent + '  ') ?? JSON.stringify(x)}`);
      } else out.push(`${indent}- ${isObj(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`);
    }
    return;
  }
  out.push(indent + scalar(v));
}

/**
 * YAML text of a JSON value (one document, no `---`), ending with a newline. `indentSequences`
 * indents a block sequence under its key (`key:\n  - a`) instead of kubectl's `key:\n- a`.
 */
export function emitYaml(v: unknown, opts: { indentSequences?: boolean } = {}): string {
  if (!isObj(v) && !Array.isArray(v)) return scalar(v) + '\n';
  if (isObj(v) && !Object.keys(v).length) return '{}\n';
  if (Array.isArray(v) && !v.length) return '[]\n';
  const out: string[] = [];
  emit(v, '', out, opts.indentSequences ? '  ' : '');
  return out.join('\n') + '\n';
}

/** Whether a manifest indents its block sequences under their keys (so a rewrite keeps its style). */
export function indentsSequences(text: string): boolean {
  const m = /^( *)[^\s#-][^\n]*:[ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- /m.exec(text);
  return !!m && m[2].length > m[1].length;
}

/** A control character other than tab and newline, or a Unicode line/BOM character: not literal-block safe. */
function hasControlChar(s: string): boolean {
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
      c === 0x7f ||
      c === 0x85 ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0xfeff
    )
      return true;
  }
  return false;
}
