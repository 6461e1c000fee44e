// The per-file pipeline: one parse in, every rule run over every document, diagnostics out.
// A rule that throws costs one internal-error diagnostic; the other rules still run.
import { Severity, SOURCE, type EngineDiagnostic } from './model/diagnostic';
import type { EngineEnv } from './model/env';
import type { Rule, RuleContext, Report } from './model/rule';
import type { ParsedDoc, ParsedFile } from './parse/parseFile';
import { toDiagnostic } from './model/report';
import { capDiagnostics, capFileDiagnostics } from './capDiagnostics';
import { ALL_RULES } from './rules';

export function checkFile(file: ParsedFile, env: EngineEnv, rules: readonly Rule[] = ALL_RULES): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  if (file.failure) {
    out.push({
      range: file.lines.range(file.failure.offset, file.failure.offset),
      severity: Severity.Error, code: 'yaml-parse-failure', message: file.failure.message, source: SOURCE, resource: null,
    });
  }
  const isManifest = file.docs.some((d) => d.resource !== null);
  if (!isManifest) return out;
  const disabled = new Set(env.settings.disabledCodes);
  for (const doc of file.docs) {
    if (doc.templated) continue;
    const docDiags = runRules(file, doc, env, rules);
    out.push(...capDiagnostics(file, doc, docDiags.filter((d) => !disabled.has(d.code)), env.settings));
  }
  return capFileDiagnostics(file, out);
}

export function runRules(file: ParsedFile, doc: ParsedDoc, env: EngineEnv, rules: readonly Rule[]): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  for (const rule of rules) {
    if (rule.meta.appliesTo === 'resource' && !doc.resource) continue;
    const ctx: RuleContext = {
      file, doc, env, resource: doc.resource,
      report: (r: Report) => out.push(toDiagnostic(file, doc, rule.meta, r)),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      out.push(toDiagnostic(file, doc, { ...rule.meta, severity: Severity.Error }, {
        code: 'internal-error',
        message: `Istio Lens rule ${rule.meta.id} failed on this document: ${e instanceof Error ? e.message : String(e)}`,
        span: [doc.start, doc.start],
      }));
    }
  }
  return out;
}
