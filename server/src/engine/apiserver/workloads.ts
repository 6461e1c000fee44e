// Workloads: pkg/apis/apps/validation (ValidateDeploymentSpec, ValidateStatefulSetSpec,
// ValidateDaemonSetSpec, ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet,
// ValidateRollingUpdateDeployment) and pkg/apis/batch/validation (validateJobSpec,
// validateJobTemplateSpec, ValidateCronJobSpec, validateScheduleFormat).
import { type ErrorList, Stringer } from './field';
import { validateCronSchedule } from './cron';
import {
  selectorConvertible,
  selectorEmpty,
  selectorMatches,
  validateAnnotations,
  validateLabelSelector,
  validateLabels,
} from './meta';
import { validatePodTemplateSpec } from './pod';
import type { PodContext } from './podContext';
import type { V } from './value';
import { enumValues, sortedEnumValues } from './enums';

const NON_NEGATIVE = 'must be greater than or equal to 0';

export function nonNegative(errs: ErrorList, v: V): void {
  const n = v.int();
  if (n !== undefined && n < 0) errs.invalid(v, n, NON_NEGATIVE);
}

/** IntOrString "5" or "25%": ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
export function intOrPercent(errs: ErrorList, v: V, max100: boolean): number | undefined {
  const s = v.str();
  if (s !== undefined) {
    if (!/^[0-9]+%$/.test(s)) {
      errs.invalid(
        v,
        new Stringer(s),
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      );
      return undefined;
    }
    const p = Number(s.slice(0, -1));
    if (max100 && p > 100) errs.invalid(v, new Stringer(s), 'must not be greater than 100%');
    return p;
  }
  const n = v.int();
  if (n !== undefined && n < 0) errs.invalid(v, n, NON_NEGATIVE);
  return n;
}

type WorkloadKind = 'deployment' | 'ReplicaSet' | 'DaemonSet' | 'statefulset';

/**
 * The selector-and-template part shared by Deployment, ReplicaSet, DaemonSet
 * (ValidatePodTemplateSpecForReplicaSet, ValidateDaemonSetSpec) and StatefulSet
 * (ValidatePodTemplateSpecForStatefulSet, which validates the template's labels and annotations but
 * not its pod spec).
 */
function selectorAndTemplate(c: PodContext, spec: V, kind: WorkloadKind): void {
  const { errs } = c;
  const sel = spec.child('selector');
  const template = spec.child('template');
  const emptyKind = kind === 'ReplicaSet' ? 'deployment' : kind.toLowerCase();
  if (sel.isMap) {
    validateLabelSelector(errs, sel);
    if (selectorEmpty(sel)) errs.invalid(sel, sel.json(), `empty selector is invalid for ${emptyKind}`);
  }
  if (!template.isMap) return;
  // LabelSelectorAsSelector fails: the template is not validated (a DaemonSet's still is).
  const convertible = !sel.isMap || selectorConvertible(sel);
  if (!convertible && kind !== 'DaemonSet') {
    errs.invalid(sel, sel.json(), kind === 'statefulset' ? '' : 'invalid label selector');
    return;
  }
  const labels = template.at('metadata', 'labels');
  if (convertible && sel.isMap && !selectorEmpty(sel) && !selectorMatches(sel, labels.stringMap())) {
    const base = spec.path.split('.');
    errs.invalid(labels, labels.json() ?? {}, '`selector` does not match template `labels`', {
      fix: 'k8s-selector-labels',
      selectorPath: [...base, 'selector'],
      templatePath: [...base, 'template'],
    });
  }
  if (kind === 'statefulset') {
    validateLabels(errs, template.at('metadata', 'labels').as(`${template.path}.labels`));
    validateAnnotations(errs, template.at('metadata', 'annotations').as(`${template.path}.annotations`));
  } else validatePodTemplateSpec(c, template);
  // Defaulting makes an absent policy Always.
  const rp = template.at('spec', 'restartPolicy');
  const rpv = rp.str();
  if (rpv && rpv !== 'Always') errs.notSupported(rp, rpv, ['Always']);
  const ads = template.at('spec', 'activeDeadlineSeconds');
  if (!ads.exists) return;
  const owner = kind === 'deployment' ? 'ReplicaSet' : kind === 'statefulset' ? 'StatefulSet' : kind;
  if (kind === 'statefulset') errs.forbidden(ads, `activeDeadlineSeconds in ${owner} is not Supported`);
  else errs.invalid(ads, ads.int() ?? null, `activeDeadlineSeconds in ${owner} is not Supported`);
}

export function validateDeployment(c: PodContext, spec: V): void {
  const { errs } = c;
  nonNegative(errs, spec.child('replicas'));
  selectorAndTemplate(c, spec, 'deployment');
  const strategy = spec.child('strategy');
  const t = errs.oneOf(strategy.child('type'), enumValues('DeploymentStrategyType'));
  const ru = strategy.child('rollingUpdate');
  if (t === 'Recreate' && ru.exists)
    errs.forbidden(ru, "may not be specified when strategy `type` is 'Recreate'");
  if (ru.exists && t !== 'Recreate') {
    const mu = ru.child('maxUnavailable');
    const ms = ru.child('maxSurge');
    const u = intOrPercent(errs, mu, true);
    const s = intOrPercent(errs, ms, false);
    if (u === 0 && s === 0)
      errs.invalid(mu, new Stringer(String(mu.scalar())), 'may not be 0 when `maxSurge` is 0');
  }
  nonNegative(errs, spec.child('minReadySeconds'));
  nonNegative(errs, spec.child('revisionHistoryLimit'));
  const pds = spec.child('progressDeadlineSeconds');
  const p = pds.int();
  if (p !== undefined) {
    nonNegative(errs, pds);
    const mrs = spec.child('minReadySeconds').int() ?? 0;
    if (p <= mrs) errs.invalid(pds, p, 'must be greater than minReadySeconds');
  }
}

export function validateReplicaSet(c: PodContext, spec: V): void {
  nonNegative(c.errs, spec.child('replicas'));
  nonNegative(c.errs, spec.child('minReadySeconds'));
  selectorAndTemplate(c, spec, 'ReplicaSet');
}

export function validateDaemonSet(c: PodContext, spec: V): void {
  const { errs } = c;
  selectorAndTemplate(c, spec, 'DaemonSet');
  nonNegative(errs, spec.child('minReadySeconds'));
  nonNegative(errs, spec.child('revisionHistoryLimit'));
  errs.oneOf(spec.at('updateStrategy', 'type'), sortedEnumValues('DaemonSetUpdateStrategyType'));
  const ru = spec.at('updateStrategy', 'rollingUpdate');
  if (ru.exists) {
    const mu = ru.child('maxUnavailable');
    const ms = ru.child('maxSurge');
    // ValidateRollingUpdateDaemonSet: exactly one of them non-zero (defaults: maxUnavailable 1, maxSurge 0).
    const u = mu.exists ? intOrPercent(errs, mu, true) : 1;
    const s = ms.exists ? intOrPercent(errs, ms, true) : 0;
    if (u !== undefined && s !== undefined) {
      if (u !== 0 && s !== 0)
        errs.invalid(ms, new Stringer(String(ms.scalar())), 'may not be set when maxUnavailable is non-zero');
      else if (u === 0 && s === 0) errs.required(mu, 'cannot be 0 when maxSurge is 0');
    }
  }
}

export function validateStatefulSet(c: PodContext, spec: V): void {
  const { errs } = c;
  errs.oneOf(spec.child('podManagementPolicy'), enumValues('PodManagementPolicyType'));
  errs.oneOf(spec.at('updateStrategy', 'type'), sortedEnumValues('StatefulSetUpdateStrategyType'));
  nonNegative(errs, spec.child('replicas'));
  nonNegative(errs, spec.child('minReadySeconds'));
  nonNegative(errs, spec.child('revisionHistoryLimit'));
  selectorAndTemplate(c, spec, 'statefulset');
}

// --- batch ----------------------------------------------------------------------------------

export function validateJobSpec(c: PodContext, spec: V, generatedSelector = true): void {
  const { errs } = c;
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished'])
    nonNegative(errs, spec.child(f));
  const ads = spec.child('activeDeadlineSeconds');
  const a = ads.int();
  if (a !== undefined && a <= 0) errs.invalid(ads, a, 'must be greater than 0');
  if (errs.oneOf(spec.child('completionMode'), enumValues('CompletionMode')) === 'Indexed') {
    const comp = spec.child('completions');
    if (!comp.exists) errs.required(comp, 'when completion mode is Indexed');
  }
  const sel = spec.child('selector');
  const template = spec.child('template');
  if (spec.child('manualSelector').bool() === true) {
    if (sel.isMap) {
      validateLabelSelector(errs, sel);
      const labels = template.at('metadata', 'labels');
      if (!selectorMatches(sel, labels.stringMap()))
        errs.invalid(labels, labels.json() ?? {}, '`selector` does not match template `labels`');
    }
  } else if (sel.exists && generatedSelector) errs.invalid(sel, sel.json(), '`selector` not auto-generated');
  if (template.isMap) {
    validatePodTemplateSpec(c, template);
    const rp = template.at('spec', 'restartPolicy');
    // Defaulting makes an absent policy Always, which a Job does not allow.
    const rpv = rp.str() || 'Always';
    if (rpv !== 'OnFailure' && rpv !== 'Never') errs.notSupported(rp, rpv, ['OnFailure', 'Never']);
  }
}

export function validateCronJobSpec(c: PodContext, spec: V, features: { minor: number }): void {
  const { errs } = c;
  const sched = spec.child('schedule');
  const s = sched.str();
  if (s === '') errs.required(sched);
  else if (s !== undefined) {
    if (s.includes('TZ'))
      errs.invalid(sched, s, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    else {
      const e = validateCronSchedule(s);
      if (e) errs.invalid(sched, s, e);
    }
  }
  errs.oneOf(spec.child('concurrencyPolicy'), enumValues('ConcurrencyPolicy'));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])
    nonNegative(errs, spec.child(f));
  const tz = spec.child('timeZone');
  const tzv = tz.str();
  if (tzv !== undefined && (tzv === '' || /\s/.test(tzv) || /^[+-]|\.\.|^\//.test(tzv)))
    errs.invalid(tz, tzv, 'unknown time zone ' + tzv);
  void features;
  const jspec = spec.at('jobTemplate', 'spec');
  // validateJobTemplateSpec: the Job controller has not generated a selector yet.
  if (jspec.isMap) validateJobSpec(c, jspec, false);
}
