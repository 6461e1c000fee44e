// "Not found" without the whole cluster: proven only by a slip from something the workspace holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearMissName, nearMissSelector } from '../../server/src/engine/analysis/nearMiss';

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
