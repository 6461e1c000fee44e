// Findings about an object's own content hold for every definition of it. Two files defining one object
// (a directory per environment or chapter, each with its copy) are alternatives and analysis reads one
// of them (oneObjectPerIdentity.ts); an analyzer whose finding reads nothing but the object must still
// check the others, or the mistake in the copy that is applied is never shown. istioctl keeps the last
// copy only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const envoyFilter = (priority?: number) => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: ratelimit
  namespace: istio-system
spec:
${priority === undefined ? '' : `  priority: ${priority}\n`}  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: GATEWAY
    patch:
      operation: INSERT_BEFORE
      value:
        name: envoy.filters.http.local_ratelimit
`;
const delayed = (percent: number) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
  - fault:
      delay: {percent: ${percent}, fixedDelay: 7s}
    route:
    - destination: {host: ratings}
`;
const found = (analyzer: string, files: Record<string, string>, complete = false) =>
  runAnalyzer(analyzer, files, { complete })
    .map((f) => `${f.code} ${f.file}:${f.line}`)
    .sort();

describe('every definition of an object is checked for its own mistakes', () => {
  it('IST0151 on each copy of an EnvoyFilter, in each directory', () => {
    const files = { 'dev/ratelimit.yaml': envoyFilter(), 'prod/ratelimit.yaml': envoyFilter() };
    assert.deepEqual(found('envoyfilter.EnvoyPatchAnalyzer', files), [
      'IST0151 dev/ratelimit.yaml:11',
      'IST0151 prod/ratelimit.yaml:11',
    ]);
    // a copy that sets a priority is fine; the other copy keeps its warning, whichever is read
    assert.deepEqual(
      found('envoyfilter.EnvoyPatchAnalyzer', { ...files, 'prod/ratelimit.yaml': envoyFilter(10) }),
      ['IST0151 dev/ratelimit.yaml:11'],
    );
    assert.deepEqual(
      found('envoyfilter.EnvoyPatchAnalyzer', {
        'prod/ratelimit.yaml': envoyFilter(10),
        'dev/ratelimit.yaml': envoyFilter(),
      }),
      ['IST0151 dev/ratelimit.yaml:11'],
    );
  });

  it("a copy's proxyVersion pin is no earlier patch for the other copy: IST0151 on each, not IST0155", () => {
    const pinned = (dir: string) => ({
      [`${dir}/ratelimit.yaml`]: envoyFilter().replace(
        '      context: GATEWAY\n',
        "      context: GATEWAY\n      proxy: {proxyVersion: '^1\\.2.*'}\n",
      ),
    });
    assert.deepEqual(found('envoyfilter.EnvoyPatchAnalyzer', { ...pinned('dev'), ...pinned('prod') }), [
      'IST0151 dev/ratelimit.yaml:12',
      'IST0151 prod/ratelimit.yaml:12',
    ]);
    // Another filter's pinned patch of the same name is held with it: IST0155, as Istio says.
    const other = envoyFilter()
      .replace('name: ratelimit', 'name: ratelimit-v2')
      .replace(
        '      context: GATEWAY\n',
        "      context: GATEWAY\n      proxy: {proxyVersion: '^1\\.2.*'}\n",
      );
    assert.deepEqual(
      found('envoyfilter.EnvoyPatchAnalyzer', { 'a/first.yaml': other, 'a/second.yaml': envoyFilter() }),
      ['IST0151 a/first.yaml:12', 'IST0155 a/second.yaml:11'],
    );
  });

  it('the whole cluster (--assume-complete) holds one definition: the one read', () => {
    const files = { 'dev/ratelimit.yaml': envoyFilter(), 'prod/ratelimit.yaml': envoyFilter() };
    assert.deepEqual(found('envoyfilter.EnvoyPatchAnalyzer', files, true), [
      'IST0151 prod/ratelimit.yaml:11',
    ]);
  });

  it('a deprecated field (IST0002) in each chapter copy of a VirtualService', () => {
    const files = { 'chapter-3/delay.yaml': delayed(50), 'chapter-4/delay.yaml': delayed(100) };
    assert.deepEqual(found('deprecation.DeprecationAnalyzer', files), [
      'IST0002 chapter-3/delay.yaml:8',
      'IST0002 chapter-4/delay.yaml:8',
    ]);
  });

  it('an unreachable route (IST0130) in each copy of a VirtualService', () => {
    const twoCatchAll = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
  - route:
    - destination: {host: reviews-v2}
`;
    const files = { 'v1/reviews.yaml': twoCatchAll, 'v2/reviews.yaml': twoCatchAll };
    assert.deepEqual(found('schema.ValidationAnalyzer.VirtualService', files), [
      'IST0130 v1/reviews.yaml:9',
      'IST0130 v2/reviews.yaml:9',
    ]);
  });
});
