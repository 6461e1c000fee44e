// ValidateProxyConfig (pkg/config/validation): the ProxyConfig resource (not MeshConfig's
// defaultConfig): its selector and a non-negative concurrency.
import { obj } from '../util/json';
import { Collector } from './collect';
import { checkWorkloadSelector } from './selector';
import type { KindValidator } from './types';

export const validateProxyConfig: KindValidator = (input, out) => {
  const spec = obj(input.spec);
  const c = new Collector(input, out);
  checkWorkloadSelector(spec.selector, c);
  if (typeof spec.concurrency === 'number' && spec.concurrency < 0)
    c.error('concurrency must be greater than or equal to 0', ['concurrency']);
};
