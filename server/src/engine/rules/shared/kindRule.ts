// The one driver behind the four kind/version rules (unknown-kind, kind-wrong-group,
// unserved-version, deprecated-version): each is its meta plus this check. `resolveKind` decides
// once per document which of them applies; the rule whose id matches reports it.
import { Severity } from '../../model/diagnostic';
import type { Rule, RuleMeta } from '../../model/rule';
import type { ResourceHeader } from '../../parse/parseFile';
import { mapGetPair } from '../../parse/nodes';
import { resolveKind } from '../../schema/resolveKind';
import type { SchemaRegistry } from '../../schema/registry';

export type KindRuleId = 'unknown-kind' | 'kind-wrong-group' | 'unserved-version' | 'deprecated-version';

interface KindFinding {
  /** The header field the range goes on (and the quick fix replaces). */
  field: 'kind' | 'apiVersion';
  message: string;
  replacements: string[];
  severity?: Severity;
  tags?: 2[];
}

function kindFinding(reg: SchemaRegistry, res: ResourceHeader, id: KindRuleId): KindFinding | undefined {
  const r = resolveKind(reg, res);
  if (id === 'deprecated-version') {
    const d = r.deprecation;
    return d && { field: 'apiVersion', ...d, tags: d.deprecated ? [2] : undefined };
  }
  const p = r.problem;
  if (p?.code !== id) return undefined;
  if (p.code !== 'unknown-kind') return { field: 'apiVersion', ...p };
  // An API group we carry no schema for (a third-party CRD) is a note, not an error.
  return { field: 'kind', ...p, severity: p.knownGroup ? Severity.Error : Severity.Information };
}

export function kindRule(meta: RuleMeta & { id: KindRuleId }): Rule {
  return {
    meta,
    check(ctx) {
      const res = ctx.resource!;
      const f = kindFinding(ctx.env.schemas, res, meta.id);
      if (!f) return;
      ctx.report({
        node: mapGetPair(res.root, f.field)?.value,
        message: f.message,
        severity: f.severity,
        data: { replacements: f.replacements },
        tags: f.tags,
      });
    },
  };
}
