// What a document's apiVersion + kind mean to the registry: the schema to validate against, or why
// there is none (unknown kind, kind in another group, version not served), plus deprecation.
// Computed once per document and shared by the kind/version rules and the validator.
import type { ResourceHeader } from '../parse/parseFile';
import { apiVersionOf, clientInput, type KindEntry } from './bundle';
import type { SchemaRegistry } from './registry';
import { openshiftLegacyTarget } from './openshiftLegacy';
import { closest, editDistance, sharingWords } from './suggest';
import { isPlaceholder } from '../util/placeholder';
import { kubernetesRemoval, removalSentence, removedApi, selectorNote } from './removedApis';

export type KindProblem =
  | { code: 'unknown-kind'; message: string; replacements: string[]; knownGroup: boolean }
  | { code: 'kind-wrong-group'; message: string; replacements: string[] }
  | { code: 'unserved-version'; message: string; replacements: string[] };

export interface KindResolution {
  /** The served entry whose schema applies, when there is one. */
  entry: KindEntry | undefined;
  problem: KindProblem | undefined;
  /** Set when the version is served but deprecated or superseded by a GA version. */
  deprecation: { message: string; replacements: string[]; deprecated: boolean } | undefined;
  /**
   * An unserved version that no release of the kind ever had and that is one edit from a served
   * one (two letters swapped, one dropped or doubled) is a misspelling of it: the API server
   * rejects the document on its version alone, but the body is still checked against the version
   * the author meant, so fixing the typo does not uncover a second round of mistakes.
   */
  intended?: KindEntry;
}

/**
 * Groups Kubernetes removed (extensions, in 1.22): their kinds live on elsewhere (extensions/v1beta1
 * Deployment...) or nowhere. Not a CRD's group either: a CRD's group has a dot.
 */
const REMOVED_GROUPS = new Set(['extensions']);

/** Per registry (its index never changes), apiVersion and kind: a manifest repeats a few of them. */
const cache = new WeakMap<
  SchemaRegistry,
  { size: number; byApiVersion: Map<string, Map<string, KindResolution>> }
>();
const MAX_CACHED = 1000;

export function resolveKind(reg: SchemaRegistry, h: ResourceHeader): KindResolution {
  let c = cache.get(reg);
  if (!c) cache.set(reg, (c = { size: 0, byApiVersion: new Map() }));
  let byKind = c.byApiVersion.get(h.apiVersion);
  if (!byKind) c.byApiVersion.set(h.apiVersion, (byKind = new Map<string, KindResolution>()));
  let r = byKind.get(h.kind);
  if (!r) {
    r = compute(reg, h);
    if (++c.size > MAX_CACHED) {
      // Hostile input (as many kinds as documents): start over.
      c.byApiVersion.clear();
      c.size = 1;
      c.byApiVersion.set(h.apiVersion, (byKind = new Map<string, KindResolution>()));
    }
    byKind.set(h.kind, r);
  }
  return r;
}

/** Names from a hostile document can be huge: messages show at most 100 characters of them. */
function clip(s: string): string {
  return s.length > 100 ? s.slice(0, 97) + '...' : s;
}

function compute(reg: SchemaRegistry, hdr: ResourceHeader): KindResolution {
  const { group, version, kind } = hdr;
  const h = { apiVersion: clip(hdr.apiVersion) };
  const shownKind = clip(kind),
    shownGroup = clip(group);
  const none = (problem: KindProblem): KindResolution => ({
    entry: undefined,
    problem,
    deprecation: undefined,
  });
  // `kind: List` (what `kubectl get -o yaml` writes) is a client-side wrapper, and `kind: Config` a
  // kubeconfig (client-go's clientcmd file, kept beside manifests for kind or CI clusters): neither is an API kind.
  if (group === '' && version === 'v1' && (kind === 'List' || kind === 'Config'))
    return { entry: undefined, problem: undefined, deprecation: undefined };
  // An apiVersion a script fills in (`gateway.networking.k8s.io/${REFERENCE_GRANT_API_VERSION}`, the
  // template straddling the versions that clusters serve): which version is applied is unknown, so the
  // document is not validated, as one of a group without a schema.
  if (isPlaceholder(hdr.apiVersion, { wordsAllowed: true }) && !reg.lookup(group, version, kind)?.served)
    return none({
      code: 'unknown-kind',
      message: `${h.apiVersion} is filled in before apply (it looks like a placeholder), so this ${shownKind} is not validated`,
      replacements: [],
      knownGroup: false,
    });
  const groupEntries = reg.entriesOfGroup(group);
  // A group only istioctl reads (install.istio.io): istioctl takes the document whatever its apiVersion
  // and kind say, so another kind or version there is not wrong, only not validated.
  if (
    groupEntries.length &&
    groupEntries.every((e) => e.source === 'istioctl') &&
    !groupEntries.some((e) => e.kind === kind && e.version === version)
  ) {
    const known = groupEntries.map((e) => `${e.kind} (${apiVersionOf(e.group, e.version)})`).join(', ');
    return none({
      code: 'unknown-kind',
      message: `Unknown kind ${shownKind} in ${h.apiVersion}: Istio Lens has a schema for ${known} only, so this document is not validated`,
      replacements: [],
      knownGroup: false,
    });
  }
  if (groupEntries.length && groupEntries.every((e) => e.source === 'kustomize')) {
    const fixed = kustomizeEnforced(groupEntries, h.apiVersion, kind, shownKind, version);
    if (fixed) return fixed;
  }
  const inGroup = groupEntries.filter((e) => e.kind === kind);
  if (inGroup.length) {
    const entry = inGroup.find((e) => e.version === version);
    const pref = reg.preferredApiVersion(group, kind);
    if (!entry || !entry.served) {
      const served = inGroup.filter((e) => e.served).map((e) => apiVersionOf(e.group, e.version));
      const near = entry ? [] : inGroup.filter((e) => e.served && editDistance(e.version, version, 1) <= 1);
      const intended = near.find((e) => e.preferred) ?? near[0];
      const meant = intended && apiVersionOf(intended.group, intended.version);
      const removedIn = kubernetesRemoval(hdr.apiVersion, kind);
      return {
        ...none({
          code: 'unserved-version',
          message: `${removedIn ? `${h.apiVersion} ${shownKind} was removed in ${removedIn}` : `${h.apiVersion} does not serve ${shownKind}`}; use ${served.length ? served.map((s) => `\`${s}\``).join(' or ') : 'a served version'}${removedIn ? selectorNote(hdr.apiVersion, kind) : ''}`,
          replacements: meant ? [meant] : pref ? [pref] : [],
        }),
        intended,
      };
    }
    return { entry, problem: undefined, deprecation: deprecationOf(reg, entry) };
  }
  const removed = removedApi(group, kind, reg.hasGroup(group));
  if (removed)
    return none({
      code: 'unknown-kind',
      message: `${removalSentence(h.apiVersion, shownKind, removed)}; use ${removed.use}`,
      replacements: [],
      knownGroup: true,
    });
  const openshift = openshiftLegacyTarget(group, version, kind);
  if (openshift)
    return none({
      code: 'kind-wrong-group',
      message: `${kind} is served by ${openshift}: \`v1\` ${kind} is OpenShift 3's group-less API, which neither OpenShift 4 nor Kubernetes serves`,
      replacements: [openshift],
    });
  // A client tool's input is not served by any API group: no document is in the wrong group for it.
  const elsewhere = reg.entriesOfKind(kind).filter((e) => e.served && e.preferred && !clientInput(e));
  const groupKnown = reg.hasGroup(group);
  const groupTypo = !groupKnown && elsewhere.some((e) => e.group && editDistance(e.group, group, 2) <= 2);
  if (elsewhere.length && (groupKnown || groupTypo || REMOVED_GROUPS.has(group))) {
    const targets = elsewhere.map((e) => apiVersionOf(e.group, e.version));
    // A kind the removed extensions group served once: since when it lives only elsewhere.
    const removedIn = REMOVED_GROUPS.has(group) ? kubernetesRemoval(hdr.apiVersion, kind) : undefined;
    return none({
      code: 'kind-wrong-group',
      message: `${kind} is served by ${targets.join(' and ')}${groupKnown ? `, not ${group || 'the core group'}` : ''}${removedIn ? `: ${h.apiVersion} ${shownKind} was removed in ${removedIn}${selectorNote(hdr.apiVersion, kind)}` : ''}`,
      replacements: targets,
    });
  }
  if (REMOVED_GROUPS.has(group))
    return none({
      code: 'unknown-kind',
      message: `${h.apiVersion} ${shownKind} is not served: Kubernetes 1.22 removed the ${group} API group`,
      replacements: [],
      knownGroup: true,
    });
  if (!groupKnown) {
    const near = closest(group, reg.groups().filter(Boolean), 2);
    return none({
      code: 'unknown-kind',
      message:
        `Unknown kind ${shownKind} in ${h.apiVersion}: Istio Lens has no schema for the API group ${shownGroup || '(core)'}, so this document is not validated` +
        (near.length ? ` (did you mean ${near.join(' or ')}?)` : ''),
      replacements: [],
      knownGroup: false,
    });
  }
  const groupKinds = reg.kindsOfGroup(group);
  const suggestable = kind.endsWith('List') ? groupKinds : groupKinds.filter((k) => !k.endsWith('List'));
  const candidates = closest(kind, suggestable, 3);
  if (!candidates.length) candidates.push(...sharingWords(kind, suggestable, 3));
  const global = candidates.length
    ? []
    : closest(
        kind,
        reg.index.kinds.filter((e) => e.preferred).map((e) => e.kind),
        2,
      );
  const hint = candidates.length
    ? `; did you mean ${candidates.join(' or ')}?`
    : global.length
      ? `; did you mean ${global.join(' or ')} (in another group)?`
      : '.';
  return none({
    code: 'unknown-kind',
    message: `Unknown kind ${shownKind} in ${h.apiVersion}${hint} ${group || 'The core group'} has: ${summarize(groupKinds)}`,
    replacements: candidates,
    knownGroup: true,
  });
}

/**
 * kustomize decodes a kustomization into one struct whatever its header says, then requires its kind to be
 * Kustomization or Component and its apiVersion to be that kind's (types.Kustomization.EnforceFields), in
 * its words. The body is checked all the same (`intended`): kustomize decodes it before it looks at them.
 */
function kustomizeEnforced(
  entries: readonly KindEntry[],
  apiVersion: string,
  kind: string,
  shownKind: string,
  version: string,
): KindResolution | undefined {
  const ofKind = entries.find((e) => e.kind === kind);
  if (ofKind?.version === version) return undefined;
  const intended = ofKind ?? entries.find((e) => e.kind === 'Kustomization') ?? entries[0];
  const base = { entry: undefined, deprecation: undefined, intended };
  if (ofKind) {
    const required = apiVersionOf(ofKind.group, ofKind.version);
    return {
      ...base,
      problem: {
        code: 'unserved-version',
        message: `apiVersion for ${kind} should be ${required}`,
        replacements: [required],
      },
    };
  }
  const near = closest(
    kind,
    entries.map((e) => e.kind),
    3,
  );
  return {
    ...base,
    problem: {
      code: 'unknown-kind',
      message: `Unknown kind ${shownKind} in ${apiVersion}: kind should be Kustomization or Component${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}`,
      replacements: near,
      knownGroup: true,
    },
  };
}

function summarize(kinds: string[]): string {
  const shown = kinds.filter((k) => !k.endsWith('List'));
  return shown.length > 12
    ? `${shown.slice(0, 12).join(', ')} and ${shown.length - 12} more`
    : shown.join(', ');
}

function deprecationOf(reg: SchemaRegistry, e: KindEntry): KindResolution['deprecation'] {
  const pref = reg.preferredApiVersion(e.group, e.kind);
  const here = apiVersionOf(e.group, e.version);
  if (e.deprecated) {
    // The API server's own warning, where the bundle has it whole (a Kubernetes kind), is said as it is.
    const own = e.deprecationWarning?.startsWith(`${here} ${e.kind} is deprecated`);
    return {
      message: own
        ? e.deprecationWarning!
        : `${here} ${e.kind} is deprecated${e.deprecationWarning ? `: ${e.deprecationWarning}` : ''}${pref && pref !== here ? `; use ${pref}` : ''}`,
      replacements: pref && pref !== here ? [pref] : [],
      deprecated: true,
    };
  }
  // Istio marks no version deprecated, yet v1 supersedes v1alpha3/v1beta1: say so, gently.
  const preRelease = /^v\d+(alpha|beta)\d+$/.test(e.version);
  const ga = reg
    .entriesOfGroup(e.group)
    .find((x) => x.kind === e.kind && x.served && /^v\d+$/.test(x.version));
  if (preRelease && ga) {
    const target = apiVersionOf(ga.group, ga.version);
    return {
      message: `${here} is a pre-release version of ${e.kind}; ${target} is the stable version`,
      replacements: [target],
      deprecated: false,
    };
  }
  return undefined;
}
