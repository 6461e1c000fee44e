// ValidatePeerAuthentication (pkg/config/validation): port-level mTLS needs a workload selector and
// ports in range; then the selector itself.
import { obj } from '../util/json';
import { Collector } from './collect';
import { checkWorkloadSelector } from './selector';
import type { KindValidator } from './types';

export const validatePeerAuthentication: KindValidator = (input, out) => {
  const spec = obj(input.spec);
  const c = new Collector(input, out);
  const ports = Object.keys(obj(spec.portLevelMtls));
  if (Object.keys(obj(obj(spec.selector).matchLabels)).length === 0 && ports.length > 0)
    c.error('mesh/namespace peer authentication cannot have port level mTLS', ['portLevelMtls']);
  for (const p of ports) {
    // protojson reads the keys as uint32: anything else never reaches the webhook.
    if (/^\d+$/.test(p) && (Number(p) <= 0 || Number(p) > 65535))
      c.error('port must be in range 1..65535', ['portLevelMtls', p]);
  }
  checkWorkloadSelector(spec.selector, c);
};
