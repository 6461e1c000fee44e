// ValidateDestinationRule (pkg/config/validation/validation.go): host, traffic policy, subsets
// (unique names, labels, their own policies), exportTo, workload selector.
import { obj } from '../util/json';
import { Check, type Path, has, list, s } from './check';
import { checkExportTo, subsetNameError } from './common';
import { checkWorkloadSelector } from './selector';
import { validateWildcardDomain } from './agent';
import { checkLabels } from './hosts';
import { checkTrafficPolicy } from './trafficpolicy';
import type { KindValidator } from './types';

export const validateDestinationRule: KindValidator = (input, out) => {
  const c = new Check(input, out);
  const spec = obj(input.spec);
  const at: Path = ['spec'];
  c.error([...at, 'host'], validateWildcardDomain(s(spec.host)));
  checkTrafficPolicy(c, spec.trafficPolicy, [...at, 'trafficPolicy']);
  const names = new Set<string>();
  const all = list(spec.subsets).map((x) => s(obj(x).name));
  list(spec.subsets).forEach((raw, i) => {
    const path = [...at, 'subsets', i];
    if (raw === null || raw === undefined) return c.error(path, 'subset may not be null');
    const subset = obj(raw);
    const name = s(subset.name);
    if (names.has(name))
      c.error([...path, 'name'], `duplicate subset names: ${name}`, {
        fix: 'renameSubset',
        taken: all,
      });
    names.add(name);
    c.error([...path, 'name'], subsetNameError(name));
    checkLabels(c, [...path, 'labels'], subset.labels);
    // istiod merges a subset's policy onto the rule's (MergeTrafficPolicy).
    const inherits = has(obj(spec.trafficPolicy), 'outlierDetection');
    checkTrafficPolicy(c, subset.trafficPolicy, [...path, 'trafficPolicy'], inherits);
  });
  const selector = has(spec, 'workloadSelector');
  checkExportTo(c, list(spec.exportTo), [...at, 'exportTo'], false, selector);
  checkWorkloadSelector(spec.workloadSelector, c.spec(), ['workloadSelector']);
};
