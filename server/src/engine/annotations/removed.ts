// Istio annotations a release removed with the feature they configured: an old manifest's unknown
// annotation (IST0108) says what became of it, where a did-you-mean would point at an unrelated name.

/** Mixer's settings on a pod: the policy-check switch, its retries, the attribute expression language. */
const MIXER_POLICY = [
  'policy.istio.io/check',
  'policy.istio.io/checkRetries',
  'policy.istio.io/checkBaseRetryWaitTime',
  'policy.istio.io/checkMaxRetryWaitTime',
  'policy.istio.io/lang',
];

/** What became of an Istio annotation no release reads any more, when it is a known removal. */
export function removedAnnotationFate(key: string): string | undefined {
  if (MIXER_POLICY.includes(key))
    return key === 'policy.istio.io/lang'
      ? "It chose Mixer's attribute expression language, and Istio 1.8 removed Mixer: nothing reads it"
      : "It configured Mixer's policy checks, which Istio 1.8 removed with Mixer: nothing reads it";
  return undefined;
}
