// Scheduling fields of a pod spec (pkg/apis/core/validation/validation.go): ValidateTolerations and
// validateTopologySpreadConstraints.
import { isQualifiedName, isValidLabelValue } from './names';
import type { V } from './value';
import { enumValues, sortedEnumValues } from './enums';
import type { PodContext } from './podContext';

export function validateTolerations(c: PodContext, tolerations: V): void {
  for (const t of tolerations.items()) {
    const key = t.child('key');
    const k = key.s();
    if (k) c.errs.invalidAll(key, k, isQualifiedName(k));
    const op = t.child('operator');
    const o = op.s();
    if (!k && o !== 'Exists')
      c.errs.invalid(
        op,
        o,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      );
    const effect = t.child('effect');
    const e = effect.s();
    if (t.child('tolerationSeconds').exists && e !== 'NoExecute')
      c.errs.invalid(effect, e, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    const value = t.child('value');
    switch (o) {
      case '':
      case 'Equal':
        c.errs.invalidAll(value, value.s(), isValidLabelValue(value.s()));
        break;
      case 'Exists':
        if (value.s()) c.errs.invalid(op, t.json(), "value must be empty when `operator` is 'Exists'");
        break;
      default:
        c.errs.notSupported(op, o, sortedEnumValues('TolerationOperator'));
    }
    if (e && !enumValues('TaintEffect').includes(e))
      c.errs.notSupported(effect, e, enumValues('TaintEffect'));
  }
}

export function validateTopologySpread(c: PodContext, list: V): void {
  for (const t of list.items()) {
    const skew = t.child('maxSkew');
    const s = skew.int();
    if (s !== undefined && s <= 0) c.errs.invalid(skew, s, 'must be greater than zero');
    const key = t.child('topologyKey');
    if (key.exists && !key.s()) c.errs.required(key, 'can not be empty');
    const wu = t.child('whenUnsatisfiable');
    const w = wu.str();
    const actions = enumValues('UnsatisfiableConstraintAction');
    if (w !== undefined && !actions.includes(w)) c.errs.notSupported(wu, w, actions);
  }
}
