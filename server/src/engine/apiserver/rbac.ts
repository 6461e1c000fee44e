// RBAC (pkg/apis/rbac/validation: ValidateRole, ValidateClusterRole, ValidateRoleBinding,
// ValidateClusterRoleBinding, validatePolicyRule, validateRoleBindingSubject), after the v1 defaults
// (pkg/apis/rbac/v1/defaults.go): an empty roleRef.apiGroup becomes rbac.authorization.k8s.io, and a
// User's or Group's empty subject apiGroup too, so leaving them out is no error.
import type { ErrorList } from './field';
import { isDNS1123Subdomain, pathSegmentName } from './names';
import type { V } from './value';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A Role's (namespaced) or ClusterRole's rules. */
export function validateRules(errs: ErrorList, root: V, namespaced: boolean): void {
  for (const rule of root.child('rules').items()) {
    if (!rule.isMap) continue;
    const count = (f: string) => rule.child(f).items().length;
    if (count('verbs') === 0) errs.required(rule.child('verbs'), 'verbs must contain at least one value');
    const urls = rule.child('nonResourceURLs');
    if (count('nonResourceURLs') > 0) {
      if (namespaced) errs.invalid(urls, urls.json(), 'namespaced rules cannot apply to non-resource URLs');
      if (count('apiGroups') > 0 || count('resources') > 0 || count('resourceNames') > 0)
        errs.invalid(urls, urls.json(), 'rules cannot apply to both regular resources and non-resource URLs');
      continue;
    }
    if (count('apiGroups') === 0)
      errs.required(rule.child('apiGroups'), 'resource rules must supply at least one api group');
    if (count('resources') === 0)
      errs.required(rule.child('resources'), 'resource rules must supply at least one resource');
    if (count('resourceNames') > 0 && count('resources') > 1)
      errs.required(rule.child('resourceNames'), 'resource names cannot apply to multiple resources');
  }
}

/** A RoleBinding's (namespaced) or ClusterRoleBinding's roleRef and subjects. */
export function validateBinding(errs: ErrorList, root: V, namespaced: boolean): void {
  const ref = root.child('roleRef');
  const group = ref.child('apiGroup');
  const g = group.str() || RBAC_GROUP;
  if (g !== RBAC_GROUP) errs.notSupported(group, g, [RBAC_GROUP]);
  const kind = ref.child('kind');
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  const k = kind.str() ?? '';
  if (!kinds.includes(k)) errs.notSupported(kind, k, kinds);
  const name = ref.child('name');
  const n = name.str() ?? '';
  if (!n) errs.required(name);
  else errs.invalidAll(name, n, pathSegmentName(n));
  for (const subject of root.child('subjects').items())
    if (subject.isMap) validateSubject(errs, subject, namespaced);
}

function validateSubject(errs: ErrorList, subject: V, namespaced: boolean): void {
  const name = subject.child('name');
  const n = name.str() ?? '';
  if (!n) errs.required(name);
  const group = subject.child('apiGroup');
  const kind = subject.child('kind');
  const k = kind.str() ?? '';
  switch (k) {
    case 'ServiceAccount': {
      if (n) errs.invalidAll(name, n, isDNS1123Subdomain(n));
      const g = group.str() ?? '';
      if (g) errs.notSupported(group, g, ['']);
      if (!namespaced && !subject.child('namespace').str()) errs.required(subject.child('namespace'));
      break;
    }
    case 'User':
    case 'Group': {
      if (!n) errs.invalid(name, n, `${k === 'User' ? 'user' : 'group'} name cannot be empty`);
      const g = group.str() || RBAC_GROUP;
      if (g !== RBAC_GROUP) errs.notSupported(group, g, [RBAC_GROUP]);
      break;
    }
    default:
      errs.notSupported(kind, k, ['ServiceAccount', 'User', 'Group']);
  }
}
