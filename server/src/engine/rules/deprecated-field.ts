// A field its reader deprecates but still honours: kustomize's warnings on a kustomization's `bases`,
// `imageTags`, `patchesJson6902`, `patchesStrategicMerge` and `vars` (types.Kustomization's
// CheckDeprecatedFields, printed on every build), in its words. Information: the build still works.
import { isPair } from 'yaml';
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { keyString } from '../parse/nodes';
import { resolveKind } from '../schema/resolveKind';

const EDIT_FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";

/** kustomize's warning per deprecated field, keyed by the field's name folded to lower case (Go's JSON match). */
const KUSTOMIZE_DEPRECATED: ReadonlyMap<string, string> = new Map([
  ['bases', `'bases' is deprecated. Please use 'resources' instead. ${EDIT_FIX}`],
  ['imagetags', `'imageTags' is deprecated. Please use 'images' instead. ${EDIT_FIX}`],
  ['patchesjson6902', `'patchesJson6902' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`],
  [
    'patchesstrategicmerge',
    `'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`,
  ],
  ['vars', `'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] ${EDIT_FIX}`],
]);

export const deprecatedField: Rule = {
  meta: {
    id: 'deprecated-field',
    description: 'A field its reader deprecates (it still works).',
    severity: Severity.Information,
    fixable: false,
    appliesTo: 'resource',
    docsUrl: 'https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/',
  },
  check(ctx) {
    const { entry, intended } = resolveKind(ctx.env.schemas, ctx.resource!);
    if ((entry ?? intended)?.source !== 'kustomize') return;
    for (const item of ctx.resource!.root.items) {
      if (!isPair(item)) continue;
      const message = KUSTOMIZE_DEPRECATED.get(keyString(item)?.toLowerCase() ?? '');
      // kustomize warns when the field is set: a `null` value leaves it unset.
      const v = item.value as { value?: unknown } | null;
      if (!message || v === null || (v && 'value' in v && v.value === null)) continue;
      ctx.report({ node: item.key, message, tags: [2] });
    }
  },
};
