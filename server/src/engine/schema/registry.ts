// The registry of generated schemas, keyed by group/version/kind. Built from the bundle index; the
// definition files are read through the front end's loader on first use, one file at a time.
import {
  apiVersionOf,
  type BundleFile,
  type BundleIndex,
  type BundleLoader,
  type KindEntry,
  type RawSchema,
} from './bundle';
import { Compiler, type SchemaNode } from './compile';

export class SchemaRegistry {
  private readonly byGroup = new Map<string, KindEntry[]>();
  private readonly byKind = new Map<string, KindEntry[]>();
  private readonly files = new Map<string, BundleFile | undefined>();
  private readonly compiler: Compiler;

  constructor(
    readonly index: BundleIndex,
    private readonly load: BundleLoader,
  ) {
    for (const k of index.kinds) {
      push(this.byGroup, k.group, k);
      push(this.byKind, k.kind, k);
    }
    this.compiler = new Compiler({ resolve: (ref, from) => this.resolve(ref, from) });
  }

  /** An empty registry (no kinds known): every resource is an unknown group. */
  static empty(): SchemaRegistry {
    return new SchemaRegistry({ kinds: [] }, () => undefined);
  }

  get kindCount(): number {
    return this.index.kinds.length;
  }

  hasGroup(group: string): boolean {
    return this.byGroup.has(group);
  }
  groups(): string[] {
    return [...this.byGroup.keys()];
  }

  /** Every entry of a group (all kinds, all versions). */
  entriesOfGroup(group: string): readonly KindEntry[] {
    return this.byGroup.get(group) ?? [];
  }

  /** Distinct kind names a group serves, sorted. */
  kindsOfGroup(group: string): string[] {
    return [
      ...new Set(
        this.entriesOfGroup(group)
          .filter((k) => k.served)
          .map((k) => k.kind),
      ),
    ].sort();
  }

  /** Every entry with this kind name, in any group. */
  entriesOfKind(kind: string): readonly KindEntry[] {
    return this.byKind.get(kind) ?? [];
  }

  lookup(group: string, version: string, kind: string): KindEntry | undefined {
    return this.entriesOfGroup(group).find((k) => k.kind === kind && k.version === version);
  }

  /** The version to recommend for a group/kind: preferred, else the first served. */
  preferred(group: string, kind: string): KindEntry | undefined {
    const all = this.entriesOfGroup(group).filter((k) => k.kind === kind && k.served);
    return all.find((k) => k.preferred) ?? all[0];
  }

  preferredApiVersion(group: string, kind: string): string | undefined {
    const p = this.preferred(group, kind);
    return p && apiVersionOf(p.group, p.version);
  }

  /** The compiled root schema of a kind at a version; undefined when its file is missing. */
  schemaOf(entry: KindEntry): SchemaNode | undefined {
    const hash = entry.schema.indexOf('#');
    const file = entry.schema.slice(0, hash);
    const r = this.resolve(entry.schema.slice(hash), file);
    return r && this.compiler.compile(r.raw, r.file);
  }

  /** The raw definition a bundle ref names (`#name` in `fromFile`, or `<file>#name`), with its file. */
  resolve(ref: string, fromFile: string): { raw: RawSchema; file: string } | undefined {
    const hash = ref.indexOf('#');
    if (hash < 0) return undefined;
    const file = hash === 0 ? fromFile : ref.slice(0, hash);
    const raw = this.file(file)?.definitions?.[ref.slice(hash + 1)];
    return raw && typeof raw === 'object' ? { raw, file } : undefined;
  }

  private file(id: string): BundleFile | undefined {
    if (!this.files.has(id)) {
      let f: BundleFile | undefined;
      try {
        f = this.load(id);
      } catch {
        f = undefined;
      }
      this.files.set(id, f);
    }
    return this.files.get(id);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

declare module '../model/env' {
  // The env's registry is this class (model/env.ts declares the slot; the layer above fills it).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a declaration merge, not a new type
  interface EngineSchemas extends SchemaRegistry {}
}
