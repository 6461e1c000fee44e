// serviceentry.ConflictingServiceEntryProtocolAnalyzer: ServiceEntries visible in the same scope
// that declare the same host and port with different protocols.
// Difference from istioctl (deliberate): a conflict needs the two applied together (one directory tree or
// kustomize rendering, analysis/applyUnits.ts): the demos of one repository that each declare the same
// external host (one as HTTPS, the next as TLS) are applied apart.
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
import type { Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { EXPORT_ALL, NETWORKING, exportScopes, fullName } from '../analysis/istio';
import { arr, num, obj, str } from '../util/json';
import { presentWith } from '../analysis/applyUnits';

interface Entry {
  protocol: string;
  resource: WorkspaceResource;
}

export const conflictingServiceEntryProtocolAnalyzer: Analyzer = {
  meta: {
    name: 'serviceentry.ConflictingServiceEntryProtocolAnalyzer',
    description: 'Checks if multiple ServiceEntries define the same host and port with different protocols',
    codes: ['IST0177'],
    inputs: ['ServiceEntry'],
    inAll: true,
  },
  analyze(ctx) {
    const index = new Map<string, { scope: string; host: string; port: number; entries: Entry[] }>();
    const keyOf = (scope: string, host: string, port: number): string => JSON.stringify([scope, host, port]);
    for (const r of ctx.resources('ServiceEntry', NETWORKING)) {
      const spec = obj(r.value.spec);
      for (const scope of exportScopes(r)) {
        for (const host of arr(spec.hosts).map(str)) {
          for (const p of arr(spec.ports)) {
            const port = num(obj(p).number) ?? 0;
            const k = keyOf(scope, host, port);
            const slot = index.get(k) ?? { scope, host, port, entries: [] };
            slot.entries.push({ protocol: str(obj(p).protocol), resource: r });
            index.set(k, slot);
          }
        }
      }
    }
    const reported = new Set<string>();
    for (const { scope, host, port, entries: own } of index.values()) {
      const entries =
        scope === EXPORT_ALL ? own : [...own, ...(index.get(keyOf(EXPORT_ALL, host, port))?.entries ?? [])];
      const protocols = [...new Set(entries.map((e) => e.protocol.toUpperCase()))].sort();
      if (protocols.length < 2) continue;
      const unique = [...new Set(entries.map((e) => fullName(e.resource)))].sort();
      // Versions of one ServiceEntry written in several files are alternatives, not a conflict.
      if (unique.length < 2) continue;
      for (const e of entries) {
        const n = fullName(e.resource);
        if (reported.has(n)) continue;
        const together = presentWith(ctx, e.resource, entries, (o) => o.resource);
        const clash = [...new Set(together.map((o) => o.protocol.toUpperCase()))].sort();
        const names = [...new Set(together.map((o) => fullName(o.resource)))].sort();
        if (clash.length < 2 || names.length < 2) continue;
        reported.add(n);
        ctx.report(
          'IST0177',
          e.resource,
          [names.join(', '), host, port, clash.join(', ')],
          ['metadata', 'name'],
        );
      }
    }
  },
};
