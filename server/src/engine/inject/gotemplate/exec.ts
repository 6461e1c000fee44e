// Evaluator for parsed Go templates: pipelines, variables, control structures, nested templates.
import type { Arg, Control, ParsedTemplate, Pipe, TNode } from './parser';
import { element, getField, printValue, truth } from './values';

export class TemplateExecError extends Error {}

export type TemplateFunc = (...args: unknown[]) => unknown;
export type FuncMap = Record<string, TemplateFunc>;

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
const MAX_DEPTH = 100; // nested {{template}} calls, like Go's maxExecDepth

interface Scope {
  vars: { name: string; value: unknown }[];
}

/** Runs the template (or one of its {{define}}d templates when `entry` is given). */
export function execute(
  tpl: ParsedTemplate,
  funcs: FuncMap,
  data: unknown,
  name = 'inject',
  entry?: string,
): string {
  const ex = new Exec(tpl, funcs, name);
  const out: string[] = [];
  const nodes = entry === undefined ? tpl.root : tpl.defines.get(entry);
  if (!nodes) throw new TemplateExecError(`template: ${name}: no such template "${entry}"`);
  ex.walk(nodes, data, { vars: [{ name: '$', value: data }] }, out, 0);
  return out.join('');
}

class Exec {
  constructor(
    private tpl: ParsedTemplate,
    private funcs: FuncMap,
    private name: string,
  ) {}

  private fail(msg: string): never {
    throw new TemplateExecError(`template: ${this.name}: ${msg}`);
  }

  walk(
    nodes: TNode[],
    dot: unknown,
    scope: Scope,
    out: string[],
    depth: number,
  ): typeof BREAK | typeof CONTINUE | void {
    const mark = scope.vars.length;
    try {
      for (const n of nodes) {
        switch (n.k) {
          case 'text':
            out.push(n.v);
            break;
          case 'action': {
            const v = this.pipe(n.pipe, dot, scope);
            if (!n.pipe.decl.length) out.push(printValue(v));
            break;
          }
          case 'if':
          case 'with': {
            const inner = scope.vars.length;
            const v = this.pipe(n.pipe, dot, scope);
            let r;
            if (truth(v)) r = this.walk(n.body, n.k === 'with' ? v : dot, scope, out, depth);
            else if (n.orElse) r = this.walk(n.orElse, dot, scope, out, depth);
            scope.vars.length = inner;
            if (r) return r;
            break;
          }
          case 'range':
            this.range(n, dot, scope, out, depth);
            break;
          case 'template': {
            const body = this.tpl.defines.get(n.name);
            if (!body) this.fail(`no such template "${n.name}"`);
            if (depth >= MAX_DEPTH) this.fail('exceeded maximum template depth');
            const arg = n.pipe ? this.pipe(n.pipe, dot, scope) : undefined;
            this.walk(body, arg, { vars: [{ name: '$', value: arg }] }, out, depth + 1);
            break;
          }
          case 'break':
            return BREAK;
          case 'continue':
            return CONTINUE;
        }
      }
    } finally {
      scope.vars.length = mark;
    }
  }

  private range(n: Control, dot: unknown, scope: Scope, out: string[], depth: number): void {
    const mark = scope.vars.length;
    const decl = n.pipe.decl;
    const v = this.pipe({ ...n.pipe, decl: [] }, dot, scope);
    const items: [unknown, unknown][] = [];
    if (Array.isArray(v)) v.forEach((x, i) => items.push([i, element(v, x)]));
    else if (typeof v === 'number') for (let i = 0; i < v; i++) items.push([i, i]);
    else if (v && typeof v === 'object')
      for (const k of Object.keys(v).sort()) items.push([k, (v as Record<string, unknown>)[k]]);
    else if (v !== undefined && v !== null) this.fail(`range can't iterate over ${printValue(v)}`);
    if (!items.length) {
      if (n.orElse) this.walk(n.orElse, dot, scope, out, depth);
      return;
    }
    for (const [k, x] of items) {
      scope.vars.length = mark;
      if (decl.length === 1) scope.vars.push({ name: decl[0], value: x });
      else if (decl.length >= 2) scope.vars.push({ name: decl[0], value: k }, { name: decl[1], value: x });
      const r = this.walk(n.body, x, scope, out, depth);
      if (r === BREAK) break;
    }
    scope.vars.length = mark;
  }

  private pipe(p: Pipe, dot: unknown, scope: Scope): unknown {
    let v: unknown;
    let piped = false;
    for (const cmd of p.cmds) {
      v = this.command(cmd, dot, scope, piped ? { v } : null);
      piped = true;
    }
    if (p.decl.length) {
      if (p.assign) {
        const slot = this.lookupSlot(scope, p.decl[0]);
        slot.value = v;
      } else {
        scope.vars.push({ name: p.decl[0], value: v });
      }
    }
    return v;
  }

  private lookupSlot(scope: Scope, name: string) {
    for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i].name === name) return scope.vars[i];
    return this.fail(`undefined variable: ${name}`);
  }

  private command(args: Arg[], dot: unknown, scope: Scope, final: { v: unknown } | null): unknown {
    const head = args[0];
    if (head.k === 'ident') {
      if (head.name === 'and' || head.name === 'or')
        return this.andOr(head.name, args.slice(1), dot, scope, final);
      const fn = this.funcs[head.name];
      if (!fn) this.fail(`function "${head.name}" not defined`);
      const vals = args.slice(1).map((a) => this.arg(a, dot, scope));
      if (final) vals.push(final.v);
      try {
        return fn(...vals);
      } catch (e) {
        if (e instanceof TemplateExecError) throw e;
        return this.fail(`error calling ${head.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (args.length > 1 || final) this.fail(`can't give argument to non-function ${describe(head)}`);
    return this.arg(head, dot, scope);
  }

  private andOr(
    op: 'and' | 'or',
    args: Arg[],
    dot: unknown,
    scope: Scope,
    final: { v: unknown } | null,
  ): unknown {
    const thunks: (() => unknown)[] = args.map((a) => () => this.arg(a, dot, scope));
    if (final) thunks.push(() => final.v);
    if (!thunks.length) this.fail(`wrong number of args for ${op}`);
    let v: unknown;
    for (const t of thunks) {
      v = t();
      if (op === 'and' ? !truth(v) : truth(v)) return v;
    }
    return v;
  }

  private arg(a: Arg, dot: unknown, scope: Scope): unknown {
    switch (a.k) {
      case 'lit':
        return a.v;
      case 'dot':
        return dot;
      case 'field':
        return walkPath(dot, a.path);
      case 'var':
        return walkPath(this.lookupSlot(scope, a.name).value, a.path);
      case 'sub':
        return walkPath(this.pipe(a.pipe, dot, scope), a.path);
      case 'ident': {
        // A niladic function used as an argument, e.g. `list` in `default list .X`.
        const fn = this.funcs[a.name];
        if (!fn) this.fail(`function "${a.name}" not defined`);
        return fn();
      }
    }
  }
}

function walkPath(v: unknown, path: string[]): unknown {
  for (const f of path) v = getField(v, f);
  return v;
}

function describe(a: Arg): string {
  if (a.k === 'field') return '.' + a.path.join('.');
  if (a.k === 'var') return a.name + a.path.map((p) => '.' + p).join('');
  return a.k;
}
