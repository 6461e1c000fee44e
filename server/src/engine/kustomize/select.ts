// How kustomize picks resources: a patch's or replacement target's selector (api/types/selector.go:
// group, version, kind, name and namespace as anchored regular expressions, label and annotation
// selectors), and a replacement source's ResId (resid.IsSelectedBy: the fields set must be equal, an
// empty namespace and `default` alike). A name matches the current name or the one before this
// layer's prefix/suffix.
import { obj, type Obj } from '../util/json';
import type { PatchTarget } from './kustomization';
import { splitApiVersion } from '../parse/parseFile';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The group and version of an object's apiVersion. */
export function groupVersion(v: Obj): { group: string; version: string } {
  return splitApiVersion(text(v.apiVersion));
}

/** A target selector: its fields are anchored regular expressions. */
export function selects(t: PatchTarget, v: Obj, origName: string): boolean {
  return matchesWith(t, v, origName, fullMatch);
}

/** A replacement source's ResId: the fields it sets are equal. */
export function identifies(t: PatchTarget, v: Obj, origName: string): boolean {
  return matchesWith(t, v, origName, (want, got) => want === got);
}

function matchesWith(
  t: PatchTarget,
  v: Obj,
  origName: string,
  eq: (want: string, got: string) => boolean,
): boolean {
  const { group, version } = groupVersion(v);
  const meta = obj(v.metadata);
  if (t.kind && !eq(t.kind, text(v.kind))) return false;
  if (t.group && !eq(t.group, group)) return false;
  if (t.version && !eq(t.version, version)) return false;
  if (t.name && !eq(t.name, text(meta.name)) && !eq(t.name, origName)) return false;
  if (t.namespace && !eq(orDefault(t.namespace), orDefault(text(meta.namespace)))) return false;
  if (t.labelSelector && !selectorMatches(t.labelSelector, meta.labels)) return false;
  if (t.annotationSelector && !selectorMatches(t.annotationSelector, meta.annotations)) return false;
  return true;
}

const orDefault = (ns: string): string => ns || 'default';

/** kustomize's target fields are anchored regular expressions. */
function fullMatch(pattern: string, s: string): boolean {
  if (pattern === s) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(s);
  } catch {
    return false;
  }
}

/** `k=v,k2!=v2,k3` (the equality subset of Kubernetes label selectors). */
function selectorMatches(sel: string, labels: unknown): boolean {
  const l = (labels && typeof labels === 'object' ? labels : {}) as Record<string, unknown>;
  return sel.split(',').every((term) => {
    const t = term.trim();
    if (!t) return true;
    const ne = t.split('!=');
    if (ne.length === 2) return l[ne[0].trim()] !== ne[1].trim();
    const eq = t.split(/==?/);
    if (eq.length === 2) return l[eq[0].trim()] === eq[1].trim();
    return t.startsWith('!') ? !(t.slice(1) in l) : t in l;
  });
}
