// The per-file pipeline: one parse in, every rule run over every document, diagnostics out.
// A rule that throws costs one internal-error diagnostic; the other rules still run.
import { Severity, SOURCE, type EngineDiagnostic, type Range } from './model/diagnostic';
import { codeReported, type EngineEnv } from './model/env';
import type { Rule, RuleContext, Report } from './model/rule';
import type { ParsedDoc, ParsedFile } from './parse/parseFile';
import { toDiagnostic } from './model/report';
import { capDiagnostics, capFileDiagnostics } from './capDiagnostics';
import { ALL_RULES } from './rules';
import { halfHeaderMissing, missingRequired, streamObjectMissing } from './rules/missing-required';
import { listedObjects, templateMergeConflicts, yamlSyntax } from './rules/yaml-syntax';

/**
 * How a file came to be checked. `found`: by a folder walk or opened in the editor, judged by what it
 * holds (a YAML file that reads as no manifest is left alone: a CI workflow, a Helm values file).
 * `named`: named by the user on the command line, so YAML that does not parse is reported whatever it
 * holds. `stream`: every document is applied as a Kubernetes object (standard input, where
 * `helm template` and `kustomize build` output arrives), so one that is none is reported too.
 */
export type FileRole = 'found' | 'named' | 'stream';

export function checkFile(
  file: ParsedFile,
  env: EngineEnv,
  rules: readonly Rule[] = ALL_RULES,
  role: FileRole = 'found',
): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  if (file.failure) {
    out.push({
      range: file.lines.range(file.failure.offset, file.failure.offset),
      severity: Severity.Error,
      code: 'yaml-parse-failure',
      message: file.failure.message,
      source: SOURCE,
      resource: null,
    });
  }
  // A template is no YAML until rendered, but a merge left unresolved in it is a mistake whatever it renders.
  if (codeReported(env.settings, yamlSyntax.meta.id))
    for (const doc of file.docs)
      if (doc.templated)
        for (const r of templateMergeConflicts(file.text, doc.start, doc.end))
          out.push(toDiagnostic(file, doc, yamlSyntax.meta, r));
  const isManifest =
    role === 'stream' ||
    (role === 'named' && file.docs.some((d) => d.ast.errors.length > 0)) ||
    file.docs.some(
      (d) =>
        d.resource !== null || halfHeaderMissing(d, env.schemas) !== undefined || brokenManifest(file, d),
    );
  if (!isManifest) return out;
  for (const doc of file.docs) {
    if (doc.templated) continue;
    // A document an incremental parse re-used (same text, same AST) is not re-checked: its
    // diagnostics only move down or up with it. Per-document rules see only their document.
    const line = file.lines.positionAt(doc.start).line;
    const hit = byDocument.get(doc.ast);
    let diags: EngineDiagnostic[];
    if (hit && hit.env === env && hit.rules === rules)
      diags = hit.line === line ? hit.diags : hit.diags.map((d) => moveLines(d, line - hit.line));
    else
      diags = capDiagnostics(
        file,
        doc,
        runRules(file, doc, env, rules).filter((d) => codeReported(env.settings, d.code)),
        env.settings,
      );
    byDocument.set(doc.ast, { env, rules, line, diags });
    out.push(...diags);
    const notObject =
      role === 'stream' && listedObjects(doc.ast) === 0 && streamObjectMissing(doc, env.schemas);
    if (notObject && rules.includes(missingRequired) && codeReported(env.settings, missingRequired.meta.id))
      out.push(toDiagnostic(file, doc, missingRequired.meta, notObject));
  }
  return capFileDiagnostics(out);
}

const byDocument = new WeakMap<
  object,
  { env: EngineEnv; rules: readonly Rule[]; line: number; diags: EngineDiagnostic[] }
>();

function moveLines(d: EngineDiagnostic, delta: number): EngineDiagnostic {
  const move = (r: Range): Range => ({
    start: { line: r.start.line + delta, character: r.start.character },
    end: { line: r.end.line + delta, character: r.end.character },
  });
  const moved: EngineDiagnostic = { ...d, range: move(d.range) };
  if (d.relatedInformation)
    moved.relatedInformation = d.relatedInformation.map((r) => (r.uri ? r : { ...r, range: move(r.range) }));
  return moved;
}

export function runRules(
  file: ParsedFile,
  doc: ParsedDoc,
  env: EngineEnv,
  rules: readonly Rule[],
): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  for (const rule of rules) {
    if (rule.meta.appliesTo === 'resource' && !doc.resource) continue;
    const ctx: RuleContext = {
      file,
      doc,
      env,
      resource: doc.resource,
      report: (r: Report) => out.push(toDiagnostic(file, doc, rule.meta, r)),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      out.push(
        toDiagnostic(
          file,
          doc,
          { ...rule.meta, severity: Severity.Error },
          {
            code: 'internal-error',
            message: `Istio Lens rule ${rule.meta.id} failed on this document: ${e instanceof Error ? e.message : String(e)}`,
            span: [doc.start, doc.start],
          },
        ),
      );
    }
  }
  return out;
}

/**
 * A document kubectl would take for a manifest though it has no readable header: its YAML breaks
 * before or around `kind:` (a slip of indentation on the second line), or it is a list of objects.
 * Its file is checked, so the YAML errors are reported instead of the file being left alone.
 */
function brokenManifest(file: ParsedFile, doc: ParsedDoc): boolean {
  if (doc.templated || doc.resource) return false;
  if (listedObjects(doc.ast) > 0) return true;
  if (doc.ast.errors.length === 0) return false;
  const text = file.text.slice(doc.start, doc.end);
  // Template syntax breaks YAML by design (Helm, Jinja): not a manifest until rendered.
  if (/\{\{|\{%/.test(text)) return false;
  return /^[ \t-]*apiVersion[ \t]*:/m.test(text) && /^[ \t-]*kind[ \t]*:/m.test(text);
}
