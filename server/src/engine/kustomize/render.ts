// Renders kustomizations the way `kustomize build` does, over documents the front end already parsed:
// each root kustomization (one no other kustomization lists) becomes its own set of resources, with
// bases and components accumulated, then patches, namespace, name prefix/suffix (and the references
// kustomize renames with them), labels, annotations and images applied, in kustomize's order
// (api/internal/target: patches, namespace, prefix/suffix, labels, annotations, JSON patches, images,
// replacements).
import type { PathSegment } from '../parse/nodes';
import { fixKustomizationHeader } from '../parse/kustomizationFile';
import { asString, obj, type Obj } from '../util/json';
import type { Kustomization, PatchRef, PatchTarget } from './kustomization';
import { jsonPatch, strategicMerge } from './merge';
import { dirOf, isFileUrl, isRemote, MAX_DEPTH, resolvePath } from './paths';
import { renameReferences, type Renamed } from './names';
import { readTransformerConfig, type NameReferenceRule } from './config';
import { applyImages, applyLabels, applyAnnotations, applyNamespace } from './transformers';
import { selects } from './select';
import { applyReplacements, readReplacements, type Replacement } from './replacements';
import { configMapValue, mergeGenerated } from './generators';

const kindOf = (v: Obj): string => (typeof v.kind === 'string' ? v.kind : '');
const metaOf = (v: Obj): Obj => obj(v.metadata);
/** The API group of kustomize's own kustomization file (a Flux Kustomization is another object). */
const KUSTOMIZE_API = 'kustomize.config.k8s.io/';

/** One document of a file, as the front end parsed it; `ref` is handed back with its rendering. */
export interface SourceDoc<T> {
  ref: T;
  value: Obj;
}

export interface RenderInput<T> {
  kustomizations: readonly Kustomization[];
  /** The resource documents of a file, or undefined when the workspace has no such file. */
  docsOf(uri: string): readonly SourceDoc<T>[] | undefined;
  /** Every document value of a file (patch files), or undefined. */
  valuesOf(uri: string): readonly unknown[] | undefined;
  /** The documents of an inline patch. */
  parseText(text: string): unknown[];
}

export interface RenderedDoc<T> {
  ref: T;
  value: Obj;
  /** The root kustomization's directory. */
  root: string;
  /** The directory of the kustomization that listed the document's file. */
  via: string;
  /** The patches that selected the document, in the order they were applied. */
  patches: readonly AppliedPatch[];
  /** The renames of its namePrefix/nameSuffix, innermost kustomization first. */
  renames: readonly NameChange[];
}

/** A kustomization's namePrefix/nameSuffix renaming a document. */
export interface NameChange {
  from: string;
  to: string;
  /** The kustomization (its URI) whose prefix/suffix renamed it. */
  kustomization: string;
  prefix: string;
  suffix: string;
}

/** A patch applied to a document: the kustomization entry that names it, and its file if it has one. */
export interface AppliedPatch {
  kustomization: string;
  at: PathSegment[];
  uri?: string;
  /** An inline patch's text. */
  text?: string;
}

export interface RenderNote {
  uri: string;
  at: PathSegment[];
  message: string;
}

export interface RenderResult<T> {
  rendered: RenderedDoc<T>[];
  /** Files some kustomization lists as resources: their documents count only as rendered. */
  listed: Set<string>;
  /** Files some kustomization applies as patches: partial documents, not resources. */
  patchFiles: Set<string>;
  notes: RenderNote[];
  /**
   * Roots whose rendering holds what is not read: a remote or absent part, a program or plugin, or
   * fields that write names or values the rendering does not model (Kustomization.unmodelled). Only a
   * rendering read whole tells what its names and references are.
   */
  partial: Set<string>;
  /**
   * The files of renderings with `replacements` (listed, patches, replacement files): an edit of one can
   * change a value a replacement copies into another file's resource.
   */
  replacementInputs: Set<string>;
}

interface Item<T> {
  ref: T;
  value: Obj;
  via: string;
  /** The name before this layer's prefix/suffix (patches name resources by it). */
  origName: string;
  patches: readonly AppliedPatch[];
  renames: readonly NameChange[];
  /** A ConfigMap a generator makes: read by the rendering, not a workspace resource (generators.ts). */
  generated?: boolean;
}

export function renderKustomizations<T>(input: RenderInput<T>): RenderResult<T> {
  const byDir = new Map(input.kustomizations.map((k) => [k.dir, k]));
  const referenced = new Set<string>();
  for (const k of input.kustomizations)
    for (const r of [...k.resources, ...k.components]) referenced.add(resolvePath(k.dir, r.ref));
  const out: RenderResult<T> = {
    rendered: [],
    listed: new Set(),
    patchFiles: new Set(),
    notes: [],
    partial: new Set(),
    replacementInputs: new Set(),
  };
  const ctx: Ctx<T> = {
    input,
    byDir,
    out,
    noted: new Set<string>(),
    partial: false,
    nameReference: [],
    inputs: new Set(),
    replaces: false,
  };
  for (const k of input.kustomizations) {
    if (k.component || referenced.has(k.dir)) continue;
    ctx.partial = false;
    ctx.inputs = new Set();
    ctx.replaces = false;
    ctx.nameReference = configuredRules(ctx, k, []);
    for (const it of build(ctx, k, []))
      if (!it.generated)
        out.rendered.push({
          ref: it.ref,
          value: it.value,
          root: k.dir,
          via: it.via,
          patches: it.patches,
          renames: it.renames,
        });
    if (ctx.partial) out.partial.add(k.dir);
    if (ctx.replaces) for (const uri of ctx.inputs) out.replacementInputs.add(uri);
  }
  // Kustomizations only other kustomizations use still say what their files are (patches, notes).
  for (const k of input.kustomizations)
    if (!ctx.noted.has(k.uri)) {
      ctx.nameReference = configuredRules(ctx, k, []);
      build(ctx, k, []);
    }
  return out;
}

interface Ctx<T> {
  input: RenderInput<T>;
  byDir: Map<string, Kustomization>;
  out: RenderResult<T>;
  noted: Set<string>;
  /** The root being rendered holds what is not read (RenderResult.partial). */
  partial: boolean;
  /** The files the root being rendered reads, and whether it runs replacements (replacementInputs). */
  inputs: Set<string>;
  replaces: boolean;
  /** The rename rules the configurations of the root's kustomizations add (config.ts). */
  nameReference: NameReferenceRule[];
}

/**
 * The nameReference rules of the configurations of `k`, its local bases and components: kustomize merges
 * them all and fixes the references once, for the whole build. A configuration file the workspace does
 * not hold, or one with field specs for other transformers, leaves the rendering partial.
 */
function configuredRules<T>(ctx: Ctx<T>, k: Kustomization, stack: string[]): NameReferenceRule[] {
  if (stack.includes(k.dir) || stack.length > MAX_DEPTH) return [];
  const inner = [...stack, k.dir];
  const rules: NameReferenceRule[] = [];
  for (const c of k.configurations) {
    // kustomize's loader fetches a file URL (Argo Rollouts documents its Rollout configuration as one).
    if (isFileUrl(c.ref)) {
      note(ctx, k, c.at, `Remote configuration ${c.ref} is not read: kustomize fetches it at build time`);
      continue;
    }
    const docs = isRemote(c.ref) ? undefined : ctx.input.valuesOf(resolvePath(k.dir, c.ref));
    if (!docs) {
      absent(ctx, k, c.ref, c.at, 'Configuration');
      continue;
    }
    const config = readTransformerConfig(docs);
    if (config.unmodelled) ctx.partial = true;
    rules.push(...config.nameReference);
  }
  for (const r of [...k.resources, ...k.components]) {
    const sub = isRemote(r.ref) ? undefined : ctx.byDir.get(resolvePath(k.dir, r.ref));
    if (sub) rules.push(...configuredRules(ctx, sub, inner));
  }
  return rules;
}

function note<T>(ctx: Ctx<T>, k: Kustomization, at: PathSegment[], message: string): void {
  ctx.partial = true;
  if (!ctx.noted.has(k.uri)) ctx.out.notes.push({ uri: k.uri, at, message });
}

/**
 * A local file or directory the kustomization lists and the workspace does not hold: a folder opened
 * below the repository's root, a file the editor does not read, or a wrong path (then `kustomize build`
 * fails). The workspace cannot tell which, so it is a note; the rest is rendered without it. A "not
 * found" still needs its near miss (analysis/nearMiss.ts), which an absent file hardly ever supplies.
 */
function absent<T>(ctx: Ctx<T>, k: Kustomization, ref: string, at: PathSegment[], what: string): void {
  note(
    ctx,
    k,
    at,
    `${what} ${ref} is not in the workspace: the rest is rendered without it (kustomize build fails if the path does not exist)`,
  );
}

function build<T>(ctx: Ctx<T>, k: Kustomization, stack: string[]): Item<T>[] {
  if (stack.includes(k.dir) || stack.length > MAX_DEPTH) return [];
  const inner = [...stack, k.dir];
  let items = generate(k, resourcesOf(ctx, k, inner));
  for (const c of k.components) {
    const dir = resolvePath(k.dir, c.ref);
    const comp = ctx.byDir.get(dir);
    if (isRemote(c.ref))
      note(ctx, k, c.at, `Remote component ${c.ref} is not read: kustomize fetches it at build time`);
    else if (!comp) absent(ctx, k, c.ref, c.at, 'Component');
    else if (!inner.includes(comp.dir)) {
      if (comp.unsupported.length || comp.unmodelled.length) ctx.partial = true;
      items = transform(
        ctx,
        comp,
        generate(comp, [...items, ...resourcesOf(ctx, comp, [...inner, comp.dir])]),
      );
    }
  }
  items = transform(ctx, k, items);
  if (k.unmodelled.length) ctx.partial = true;
  for (const u of k.unsupported)
    note(ctx, k, u.at, `${u.what} runs a program or plugin at build time; Istio Lens does not render it`);
  ctx.noted.add(k.uri);
  return items;
}

/** The kustomization's generated ConfigMaps added (create) or merged into a base's (merge, replace). */
function generate<T>(k: Kustomization, items: Item<T>[]): Item<T>[] {
  const out = [...items];
  for (const g of k.configMaps) {
    const base = g.behavior !== 'create' && out.find((it) => it.generated && it.origName === g.name);
    if (base) mergeGenerated(base.value, g);
    else
      out.push({
        ref: undefined as T,
        value: configMapValue(g),
        via: k.dir,
        origName: g.name,
        patches: [],
        renames: [],
        generated: true,
      });
  }
  return out;
}

function resourcesOf<T>(ctx: Ctx<T>, k: Kustomization, stack: string[]): Item<T>[] {
  const items: Item<T>[] = [];
  for (const r of k.resources) {
    if (isRemote(r.ref)) {
      note(ctx, k, r.at, `Remote resource ${r.ref} is not read: kustomize fetches it at build time`);
      continue;
    }
    const target = resolvePath(k.dir, r.ref);
    const sub = ctx.byDir.get(target);
    if (sub) {
      items.push(...build(ctx, sub, stack));
      continue;
    }
    if (listsKustomizationFile(ctx, target)) {
      const what = target === k.uri ? 'this kustomization file itself' : 'a kustomization file';
      const fix = target === k.uri ? 'remove the entry' : `list its directory (${dirOf(r.ref)}) instead`;
      note(
        ctx,
        k,
        r.at,
        `Resource ${r.ref} is ${what}: kustomize reads a listed file as manifests, and a kustomization (no metadata.name) is not one, so the build fails; ${fix}`,
      );
      continue;
    }
    const docs = ctx.input.docsOf(target);
    if (!docs) {
      absent(ctx, k, r.ref, r.at, 'Resource');
      continue;
    }
    ctx.out.listed.add(target);
    ctx.inputs.add(target);
    for (const d of docs)
      items.push({
        ref: d.ref,
        value: structuredClone(d.value),
        via: k.dir,
        origName: nameOf(d.value),
        patches: [],
        renames: [],
      });
  }
  return items;
}

/**
 * A `resources` entry naming a kustomization file rather than its directory (or a kustomization listing
 * itself). kustomize tries a file entry as manifests first (api/internal/target accumulateResources):
 * resource.Factory's dropBadNodes wants kind and metadata.name in every document, a kustomization has no
 * name, and the fallback reads the path as a directory, which it is not: `kustomize build` fails. One with
 * a metadata.name would be emitted as an object no API server serves; that is not this case.
 */
function listsKustomizationFile<T>(ctx: Ctx<T>, target: string): boolean {
  if (ctx.byDir.get(dirOf(target))?.uri !== target) return false;
  const first = obj(ctx.input.valuesOf(target)?.[0]);
  const kind = kindOf(first);
  const { apiVersion } = fixKustomizationHeader(asString(first.apiVersion), kind);
  return (
    apiVersion.startsWith(KUSTOMIZE_API) &&
    ['Kustomization', 'Component'].includes(kind || 'Kustomization') &&
    !metaOf(first).name
  );
}

function transform<T>(ctx: Ctx<T>, k: Kustomization, items: Item<T>[]): Item<T>[] {
  for (const p of k.patches) if (!p.json) items = applyPatch(ctx, k, p, items, false);
  if (k.namespace) for (const it of items) applyNamespace(it.value, k.namespace);
  if (k.namePrefix || k.nameSuffix) {
    const renames = new Map<string, string>();
    const renamedObjects: Renamed[] = [];
    for (const it of items) {
      const kind = kindOf(it.value);
      if (kind === 'Namespace' || kind === 'CustomResourceDefinition') continue;
      const old = nameOf(it.value);
      it.origName = old;
      const renamed = `${k.namePrefix}${old}${k.nameSuffix}`;
      it.value.metadata = { ...metaOf(it.value), name: renamed };
      renames.set(`${kind}/${old}`, renamed);
      renamedObjects.push({ header: it.value, from: old, to: renamed });
      const change = {
        from: old,
        to: renamed,
        kustomization: k.uri,
        prefix: k.namePrefix,
        suffix: k.nameSuffix,
      };
      it.renames = [...it.renames, change];
    }
    for (const it of items) renameReferences(it.value, renames, ctx.nameReference, renamedObjects);
  }
  for (const l of k.labels) for (const it of items) applyLabels(it.value, l);
  if (Object.keys(k.annotations).length) for (const it of items) applyAnnotations(it.value, k.annotations);
  for (const p of k.patches) if (p.json) items = applyPatch(ctx, k, p, items, true);
  if (k.images.length) for (const it of items) applyImages(it.value, k.images);
  if (k.replacements.length && !applyReplacements(items, replacementsOf(ctx, k))) ctx.partial = true;
  return items;
}

/** The replacements a kustomization lists, inline or in files (an absent file is noted). */
function replacementsOf<T>(ctx: Ctx<T>, k: Kustomization): Replacement[] {
  ctx.replaces = true;
  return k.replacements.flatMap((r) => {
    if (r.value) return readReplacements([r.value]);
    const uri = resolvePath(k.dir, r.path!);
    ctx.inputs.add(uri);
    const values = ctx.input.valuesOf(uri);
    if (!values) absent(ctx, k, r.path!, r.at, 'Replacement');
    // An unread file's replacements write unknown values: the rendering is partial.
    return values ? readReplacements(values) : [];
  });
}

function applyPatch<T>(
  ctx: Ctx<T>,
  k: Kustomization,
  p: PatchRef,
  items: Item<T>[],
  json: boolean,
): Item<T>[] {
  let docs: readonly unknown[] | undefined;
  const applied: AppliedPatch = { kustomization: k.uri, at: p.at };
  if (p.path !== undefined) {
    const uri = resolvePath(k.dir, p.path);
    docs = ctx.input.valuesOf(uri);
    ctx.inputs.add(uri);
    if (docs) ctx.out.patchFiles.add(uri);
    else absent(ctx, k, p.path, p.at, 'Patch');
    applied.uri = uri;
  } else if (p.patch !== undefined) {
    docs = ctx.input.parseText(p.patch);
    applied.text = p.patch;
  }
  if (!docs) return items;
  const patched = (it: Item<T>, value: Obj): Item<T> => ({ ...it, value, patches: [...it.patches, applied] });
  // In `patches`, a list of operations is a JSON patch; a mapping is a strategic-merge patch.
  const ops = docs.length === 1 && Array.isArray(docs[0]) ? docs[0] : undefined;
  if (json || ops) {
    if (!p.target) return items;
    return items.map((it) =>
      selects(p.target!, it.value, it.origName) ? patched(it, obj(jsonPatch(it.value, ops ?? []))) : it,
    );
  }
  for (const d of docs) {
    if (!d || typeof d !== 'object' || Array.isArray(d)) continue;
    const patch = obj(d);
    const sel: PatchTarget = p.target ?? {
      kind: typeof patch.kind === 'string' ? patch.kind : undefined,
      name: nameOf(patch) || undefined,
      namespace:
        typeof metaOf(patch).namespace === 'string' ? (metaOf(patch).namespace as string) : undefined,
    };
    const next: Item<T>[] = [];
    for (const it of items) {
      if (!selects(sel, it.value, it.origName)) next.push(it);
      else {
        // A targeted patch keeps the target's name and kind: kustomize patches by selector.
        const body = p.target
          ? { ...patch, metadata: { ...metaOf(patch), name: nameOf(it.value) }, kind: it.value.kind }
          : patch;
        const merged = strategicMerge(it.value, body);
        if (merged && typeof merged === 'object') next.push(patched(it, obj(merged)));
      }
    }
    items = next;
  }
  return items;
}

function nameOf(v: Obj): string {
  const n = metaOf(v).name;
  return typeof n === 'string' ? n : '';
}
