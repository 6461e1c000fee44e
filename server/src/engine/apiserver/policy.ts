// PodDisruptionBudget (pkg/apis/policy/validation: ValidatePodDisruptionBudgetSpec) and
// HorizontalPodAutoscaler (pkg/apis/autoscaling/validation: validateHorizontalPodAutoscalerSpec,
// ValidateCrossVersionObjectReference, validateMetrics, validateMetricTarget).
import type { ErrorList } from './field';
import { validateLabelSelector } from './meta';
import { intOrPercent } from './workloads';
import type { V } from './value';

export function validatePDBSpec(errs: ErrorList, spec: V): void {
  const min = spec.child('minAvailable');
  const max = spec.child('maxUnavailable');
  if (min.exists && max.exists)
    errs.invalid(spec, spec.json(), 'minAvailable and maxUnavailable cannot be both set');
  if (min.exists) intOrPercent(errs, min, true);
  if (max.exists) intOrPercent(errs, max, true);
  const sel = spec.child('selector');
  if (sel.isMap) validateLabelSelector(errs, sel);
  const uep = spec.child('unhealthyPodEvictionPolicy');
  const u = uep.str();
  if (u !== undefined && u !== 'AlwaysAllow' && u !== 'IfHealthyBudget')
    errs.notSupported(uep, u, ['AlwaysAllow', 'IfHealthyBudget']);
}

const METRIC_TYPES = ['Object', 'Pods', 'Resource', 'External', 'ContainerResource'];
const METRIC_FIELD: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

export function validateHPASpec(errs: ErrorList, spec: V): void {
  const minV = spec.child('minReplicas');
  const maxV = spec.child('maxReplicas');
  const min = minV.int();
  const max = maxV.int();
  // HPAScaleToZero is alpha (off): minReplicas must be at least 1.
  if (min !== undefined && min < 1) errs.invalid(minV, min, 'must be greater than or equal to 1');
  if (max !== undefined && max < 1) errs.invalid(maxV, max, 'must be greater than 0');
  if (min !== undefined && max !== undefined && max < min)
    errs.invalid(maxV, max, 'must be greater than or equal to `minReplicas`');
  const ref = spec.child('scaleTargetRef');
  if (ref.isMap) {
    const kind = ref.child('kind');
    if (!kind.s()) errs.required(kind);
    const name = ref.child('name');
    const n = name.s();
    if (!n) errs.required(name);
    else if (n === '.' || n === '..' || n.includes('/') || n.includes('%'))
      errs.invalid(
        name,
        n,
        n.includes('/') || n.includes('%')
          ? `may not contain '${n.includes('/') ? '/' : '%'}'`
          : `may not be '${n}'`,
      );
  }
  for (const m of spec.child('metrics').items()) {
    const type = m.child('type');
    const t = type.str();
    if (t === undefined) continue;
    if (!METRIC_TYPES.includes(t)) {
      errs.notSupported(type, t, METRIC_TYPES);
      continue;
    }
    const src = m.child(METRIC_FIELD[t]);
    if (!src.exists) {
      errs.required(src, 'must populate information for the given metric source');
      continue;
    }
    for (const other of Object.values(METRIC_FIELD))
      if (other !== METRIC_FIELD[t] && m.child(other).exists)
        errs.forbidden(m.child(other), 'must populate the given metric source only');
    if (t === 'Resource' || t === 'ContainerResource') {
      const name = src.child('name');
      if (!name.s()) errs.required(name, 'must specify a resource name');
      if (t === 'ContainerResource') {
        const c = src.child('container');
        if (!c.s()) errs.required(c, 'must specify a container');
      }
    }
    const target = src.child('target');
    validateTarget(errs, target);
    const util = target.child('averageUtilization');
    const avg = target.child('averageValue');
    if (t === 'Resource' || t === 'ContainerResource') {
      if (!util.exists && !avg.exists)
        errs.required(util, 'must set either a target raw value or a target utilization');
      if (util.exists && avg.exists)
        errs.forbidden(avg, 'may not set both a target raw value and a target utilization');
    } else if (t === 'Pods') {
      if (!avg.exists) errs.required(avg, 'must specify a positive target averageValue');
    } else if (!target.child('value').exists && !avg.exists)
      errs.required(target.child('value'), 'must set either a target value or averageValue');
  }
}

/** validateMetricTarget. */
function validateTarget(errs: ErrorList, target: V): void {
  if (!target.isMap) return;
  const type = target.child('type');
  const t = type.s();
  if (!t) errs.required(type, 'must specify a metric target type');
  if (!['Utilization', 'Value', 'AverageValue'].includes(t))
    errs.invalid(type, t, 'must be either Utilization, Value, or AverageValue');
  const util = target.child('averageUtilization');
  const u = util.int();
  if (u !== undefined && u < 1) errs.invalid(util, u, 'must be greater than 0');
}
