// RuleTester, after ESLint's: one call per rule (or set of rules), a `valid` list that must report
// nothing and an `invalid` list whose `errors` must be exactly what the rules report, in order.
// `output` is the text after applying, in one pass, each error's quick fix through the engine's
// quick-fix service (the preferred one, else the first; overlapping edits are skipped, as ESLint
// does). Lines and columns are 1-based, as an editor shows them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import type { Rule } from '../../server/src/engine/model/rule';
import type { EngineDiagnostic, Severity } from '../../server/src/engine/model/diagnostic';
import type { EngineSettings } from '../../server/src/engine/model/env';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import type { CodeActionResult, TextEdit } from '../../server/src/engine/services/types';
import { testEnv } from './env';

export interface ExpectedError {
  code: string;
  /** 1-based line of the range's start. */
  line?: number;
  /** 1-based column of the range's start. */
  column?: number;
  message?: string | RegExp;
  severity?: Severity;
  /** The exact text the range covers (trailing whitespace ignored). */
  covers?: string;
  /** How many related locations the diagnostic carries. */
  related?: number;
  /** The diagnostic's documentation link. */
  href?: string;
  /** The titles of the quick fixes offered for this error, in order. */
  fixes?: (string | RegExp)[];
}

export interface ValidCase {
  name?: string;
  yaml: string;
}

export interface InvalidCase {
  name?: string;
  yaml: string;
  errors: ExpectedError[];
  /** The text after the quick fixes; `null`: no quick fix is offered. Omitted: not checked. */
  output?: string | null;
  /** The codes the rules report on `output` (e.g. `[]`: the fix leaves nothing to fix). */
  outputErrors?: string[];
}

export interface RuleTesterOptions {
  settings?: Partial<EngineSettings>;
  /** Codes the rules report that these cases leave out (e.g. an information note they all carry). */
  ignoreCodes?: string[];
  /** The URI the cases are parsed as (a kustomization is known by its file name); `rule-tester.yaml` by default. */
  uri?: string;
}

export interface RuleRun {
  file: ParsedFile;
  diagnostics: EngineDiagnostic[];
}

/** Runs the rules over every document of `yaml`, as checkFile does (without its caps). */
export function runOn(rules: readonly Rule[], yaml: string, options: RuleTesterOptions = {}): RuleRun {
  const file = parseFile(options.uri ?? 'file:///rule-tester.yaml', yaml);
  const env = testEnv(options.settings);
  const ignored = new Set(options.ignoreCodes);
  const diagnostics = file.docs
    .filter((doc) => !doc.templated)
    .flatMap((doc) => runRules(file, doc, env, rules))
    .filter((d) => !ignored.has(d.code));
  return { file, diagnostics };
}

/** The text after applying, in one pass, each diagnostic's preferred (else first) quick fix. */
export function applyQuickFixes(run: RuleRun): { output: string; fixed: number } {
  const actions = quickFixes(run.file, run.diagnostics);
  const chosen = run.diagnostics.flatMap((_, i) => {
    const mine = actions.filter((a) => a.diagnostics?.includes(i));
    const pick = mine.find((a) => a.isPreferred) ?? mine[0];
    return pick ? [pick] : [];
  });
  return { output: applyActions(run.file, chosen), fixed: chosen.length };
}

function applyActions(file: ParsedFile, actions: CodeActionResult[]): string {
  const spans = (edits: TextEdit[]) =>
    edits.map((e) => ({
      s: file.lines.offsetAt(e.range.start),
      e: file.lines.offsetAt(e.range.end),
      t: e.newText,
    }));
  const taken: { s: number; e: number; t: string }[] = [];
  for (const a of actions) {
    const mine = spans(a.edits);
    const overlaps = mine.some((m) => taken.some((t) => m.s < t.e && t.s < m.e));
    if (!overlaps) taken.push(...mine);
  }
  let out = file.text;
  for (const x of taken.sort((a, b) => b.s - a.s)) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

function checkError(run: RuleRun, d: EngineDiagnostic, index: number, e: ExpectedError): void {
  const where = `error ${index + 1} (${d.code}: ${d.message})`;
  assert.equal(d.code, e.code, where);
  if (e.line !== undefined) assert.equal(d.range.start.line + 1, e.line, `${where}: line`);
  if (e.column !== undefined) assert.equal(d.range.start.character + 1, e.column, `${where}: column`);
  if (typeof e.message === 'string') assert.equal(d.message, e.message);
  else if (e.message) assert.match(d.message, e.message);
  if (e.severity !== undefined) assert.equal(d.severity, e.severity, `${where}: severity`);
  if (e.covers !== undefined) {
    const { lines, text } = run.file;
    assert.equal(text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)).trimEnd(), e.covers);
  }
  if (e.related !== undefined)
    assert.equal(d.relatedInformation?.length ?? 0, e.related, `${where}: related`);
  if (e.href !== undefined) assert.equal(d.codeDescription?.href, e.href, `${where}: href`);
  if (e.fixes) {
    const titles = quickFixes(run.file, [d]).map((a) => a.title);
    assert.equal(titles.length, e.fixes.length, `${where}: fixes ${JSON.stringify(titles)}`);
    e.fixes.forEach((f, i) =>
      typeof f === 'string' ? assert.equal(titles[i], f) : assert.match(titles[i], f),
    );
  }
}

/** Declares one `describe` with an `it` per case. */
export function ruleTester(
  rules: Rule | readonly Rule[],
  cases: { valid?: (string | ValidCase)[]; invalid?: InvalidCase[] },
  options: RuleTesterOptions = {},
): void {
  const list: readonly Rule[] = Array.isArray(rules) ? rules : [rules as Rule];
  describe(list.map((r) => r.meta.id).join(', '), () => {
    for (const v of cases.valid ?? []) {
      const c = typeof v === 'string' ? { yaml: v } : v;
      it(`valid: ${c.name ?? firstLines(c.yaml)}`, () => {
        const run = runOn(list, c.yaml, options);
        assert.deepEqual(
          run.diagnostics.map((d) => `${d.code}: ${d.message}`),
          [],
        );
      });
    }
    for (const c of cases.invalid ?? []) {
      it(`invalid: ${c.name ?? firstLines(c.yaml)}`, () => {
        const run = runOn(list, c.yaml, options);
        assert.deepEqual(
          run.diagnostics.map((d) => d.code),
          c.errors.map((e) => e.code),
          JSON.stringify(run.diagnostics.map((d) => `${d.code}: ${d.message}`)),
        );
        c.errors.forEach((e, i) => checkError(run, run.diagnostics[i], i, e));
        if (c.output === undefined) return;
        const { output, fixed } = applyQuickFixes(run);
        if (c.output === null) assert.equal(fixed, 0, 'no quick fix expected');
        else assert.equal(output, c.output);
        if (c.outputErrors)
          assert.deepEqual(
            runOn(list, output, options).diagnostics.map((d) => d.code),
            c.outputErrors,
            'codes reported on the output',
          );
      });
    }
  });
}

function firstLines(yaml: string): string {
  const s = yaml.replace(/\n/g, ' ⏎ ');
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}
