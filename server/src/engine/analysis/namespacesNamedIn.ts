// The namespaces a resource names in its values (`name.ns.svc...` hosts, `ns/name` references): candidates
// for an undecided namespace (Workspace.candidateNamespaces).

const HOST_NS = /^[^./\s]*\.([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\.svc(?:\.|$)/;
const NS_SLASH_NAME = /^([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\/[^/\s]+$/;
const MAX_WALK = 5000;

/** Namespaces a resource names: `name.ns.svc...` hosts and `ns/name` references (bounded walk). */
export function namespacesNamedIn(value: unknown, out: Set<string>): void {
  const stack: unknown[] = [value];
  for (let seen = 0; stack.length && seen < MAX_WALK; seen++) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const m = HOST_NS.exec(v) ?? NS_SLASH_NAME.exec(v);
      if (m) out.add(m[1]);
    } else if (v && typeof v === 'object') {
      const children: unknown[] = Object.values(v);
      for (const x of children) stack.push(x);
    }
  }
}
