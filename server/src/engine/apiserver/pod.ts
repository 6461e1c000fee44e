// Pod specs (pkg/apis/core/validation/validation.go): ValidatePodTemplateSpec and ValidatePodSpec; the
// containers, env, volumes, probes and lifecycle handlers, resource requirements, security contexts and
// scheduling fields they reach are checked by the pod*.ts files beside this one.
import { validateAnnotations, validateLabels } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, inclusiveRangeError } from './names';
import type { V } from './value';
import { enumValues } from './enums';
import type { PodContext } from './podContext';
import {
  RESTART_POLICIES,
  hostPortConflicts,
  validateContainers,
  validateHostNetwork,
  validateInitContainers,
} from './podContainers';
import { validateVolumes } from './podVolumes';
import { validatePodSecurityContext } from './podSecurityContext';
import { validateTolerations, validateTopologySpread } from './podScheduling';

/** ValidatePodTemplateSpec: labels and annotations under the template path, then the spec. */
export function validatePodTemplateSpec(c: PodContext, template: V): void {
  const meta = template.child('metadata');
  validateLabels(c.errs, meta.child('labels').as(`${template.path}.labels`));
  validateAnnotations(c.errs, meta.child('annotations').as(`${template.path}.annotations`));
  const spec = template.child('spec');
  if (spec.isMap) validatePodSpec(c, spec);
  const eph = spec.child('ephemeralContainers');
  if (eph.items().length) c.errs.forbidden(eph, 'ephemeral containers not allowed in pod template');
}

/** ValidatePodSpec. */
export function validatePodSpec(c: PodContext, spec: V): void {
  const { errs } = c;
  const volumes = validateVolumes(c, spec.child('volumes'));
  const names = new Set<string>();
  validateContainers(c, spec.child('containers'), volumes, names, spec);
  validateInitContainers(c, spec.child('initContainers'), volumes, names, spec);
  hostPortConflicts(c, spec.child('containers'));

  const rp = spec.child('restartPolicy');
  const rpv = rp.str();
  if (rpv !== undefined && !RESTART_POLICIES.includes(rpv)) {
    if (rpv === '') errs.required(rp);
    else errs.notSupported(rp, rpv, RESTART_POLICIES);
  }
  const dns = spec.child('dnsPolicy');
  const dnsv = dns.str();
  const dnsValues = enumValues('DNSPolicy');
  if (dnsv !== undefined && dnsv !== '' && !dnsValues.includes(dnsv)) errs.notSupported(dns, dnsv, dnsValues);
  // ValidatePreemptionPolicy: its list is in declaration order.
  const pp = spec.child('preemptionPolicy');
  const ppv = pp.str();
  if (ppv !== undefined && !enumValues('PreemptionPolicy').includes(ppv)) {
    if (ppv === '') errs.required(pp);
    else errs.notSupported(pp, ppv, enumValues('PreemptionPolicy'));
  }
  if (dnsv === 'None' && !spec.child('dnsConfig').exists)
    errs.required(spec.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None');

  validateLabels(errs, spec.child('nodeSelector'));
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = spec.child(f);
    const s = v.str();
    if (s) errs.invalidAll(v, s, isDNS1123Subdomain(s));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = spec.child(f);
    const s = v.str();
    if (s) errs.invalidAll(v, s, isDNS1123Label(s));
  }
  const ads = spec.child('activeDeadlineSeconds');
  const adsv = ads.int();
  if (adsv !== undefined && (adsv < 1 || adsv > 2147483647))
    errs.invalid(ads, adsv, inclusiveRangeError(1, 2147483647));
  validateTolerations(c, spec.child('tolerations'));
  validatePodSecurityContext(c, spec.child('securityContext'));
  validateTopologySpread(c, spec.child('topologySpreadConstraints'));
  if (spec.child('hostNetwork').bool()) validateHostNetwork(c, spec);
}
