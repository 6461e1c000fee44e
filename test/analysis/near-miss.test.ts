// "Not found" without the whole cluster: proven only by a slip from something the workspace holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearMissName, nearMissSelector } from '../../server/src/engine/analysis/nearMiss';
import { checkFiles } from '../helpers/workspace';

test('a name one or two edits from a candidate is a slip; an unrelated one is not', () => {
  assert.equal(nearMissName('reviwes', ['reviews', 'ratings']), true); // transposition
  assert.equal(nearMissName('productpage-v', ['productpage']), true); // two edits, long name
  assert.equal(nearMissName('cart', ['carts']), true);
  assert.equal(nearMissName('cart', ['cat', 'card']), true);
  assert.equal(nearMissName('ab', ['xy']), false);
  assert.equal(nearMissName('reviews', ['reviews']), false); // found, not missed
  assert.equal(nearMissName('ratings', ['reviews', 'details']), false);
  assert.equal(nearMissName('web', []), false);
});

test('a selector one label-slip from a workload', () => {
  const pods = [{ app: 'web', version: 'v1' }];
  assert.equal(nearMissSelector({ app: 'wep' }, pods), true); // value slip
  assert.equal(nearMissSelector({ ap: 'web' }, pods), true); // key slip
  assert.equal(nearMissSelector({ app: 'web', version: 'v2' }, pods), true);
  assert.equal(nearMissSelector({ app: 'wep', version: 'v2' }, pods), false); // two slips: not one mistake
  assert.equal(nearMissSelector({ app: 'checkout' }, pods), false);
  assert.equal(nearMissSelector({ app: 'web' }, pods), false); // matches
  assert.equal(nearMissSelector({}, pods), false);
});

test("a host's misspelt namespace: the Service it names is in a namespace one slip away", () => {
  const files = (host: string) => ({
    'svc.yaml': `apiVersion: v1
kind: Service
metadata: {name: api, namespace: webapp-prod}
spec:
  ports: [{name: http, port: 8000}]
`,
    'vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: webapp-prod}
spec:
  hosts: [api.webapp-prod.svc.cluster.local]
  http:
  - route:
    - destination:
        host: ${host}
`,
  });
  assert.deepEqual(checkFiles(files('api.webap-prod.svc.cluster.local')), [
    'vs.yaml:9 IST0101 Referenced host not found: "api.webap-prod.svc.cluster.local"',
  ]);
  assert.deepEqual(checkFiles(files('api.webapp-prod.svc.cluster.local')), []);
  // A namespace the workspace does not describe, with no such Service one slip away: deployed elsewhere.
  assert.deepEqual(checkFiles(files('web.webap-prod.svc.cluster.local')), []);
  assert.deepEqual(checkFiles(files('api.payments.svc.cluster.local')), []);
  // Numbered siblings are not slips: another tenant's copy of the Service.
  const numbered = files('api.team2.svc.cluster.local');
  numbered['svc.yaml'] = numbered['svc.yaml'].replace('webapp-prod', 'team1');
  assert.deepEqual(checkFiles(numbered), []);
});
