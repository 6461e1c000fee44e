// A served but deprecated (or superseded pre-release) apiVersion, e.g. networking.istio.io/v1alpha3
// where v1 exists. Information only; the fix moves to the stable version.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { mapGetPair } from '../parse/nodes';
import { resolveKind } from '../schema/resolveKind';

export const deprecatedVersion: Rule = {
  meta: {
    id: 'deprecated-version',
    description: 'The API version is deprecated or superseded by a stable version.',
    severity: Severity.Information,
    fixable: true,
    appliesTo: 'resource',
    docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
  },
  check(ctx) {
    const res = ctx.resource!;
    const d = resolveKind(ctx.env.schemas, res).deprecation;
    if (!d) return;
    ctx.report({
      node: mapGetPair(res.root, 'apiVersion')?.value,
      message: d.message,
      data: { replacements: d.replacements },
      tags: d.deprecated ? [2] : undefined,
    });
  },
};
