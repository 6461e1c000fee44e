// A small kustomize repository in the real editor (test/e2e/workspace/kustomize): one base, two
// overlays. The overlay's `namespace:` decides where the base lands: in shop the VirtualService's host
// `cart` is found, in payments (where only `card` lives) it is a "not found" that names that overlay.
// A patch is checked as a patch, and a real mistake in it still shows.
import * as assert from 'node:assert/strict';
import { open, waitForCode, withCode } from './helpers';

describe('kustomize repository', () => {
  it("the overlay's namespace decides: no not-found in shop, one in payments", async () => {
    const routes = await open('kustomize/base/routes.yaml');
    const d = await waitForCode(routes.uri, 'IST0101', 'IST0101 for the payments overlay', 30_000);
    assert.match(d.message, /host not found: "cart" \(in overlay overlays\/payments\)/);
    assert.equal(routes.getText(d.range).trim(), 'cart', 'range on the destination host');
    assert.deepEqual(
      withCode(routes.uri, 'IST0101').map((x) => x.message),
      [d.message],
      'the shop overlay, whose namespace holds cart, adds no not-found',
    );
  });

  it('a patch is checked as a patch: its typo shows, its missing required fields do not', async () => {
    const patch = await open('kustomize/base/resources-patch.yaml');
    const d = await waitForCode(
      patch.uri,
      'unknown-field',
      'unknown-field on the misspelt `resouces`',
      30_000,
    );
    assert.equal(patch.getText(d.range), 'resouces');
    assert.match(d.message, /did you mean `resources`/);
    assert.deepEqual(withCode(patch.uri, 'missing-required'), []);
  });
});
