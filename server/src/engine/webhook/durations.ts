// protobuf Durations as the webhook reads them (protojson's "1.5s" form) and Istio's checks on them
// (agent.ValidateDuration and friends).

const NS_PER_MS = 1_000_000n;

/** Nanoseconds of a protojson Duration string ("-1.5s"), or undefined when it is not one. */
export function durationNanos(v: unknown): bigint | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(v);
  if (!m) return undefined;
  const n = BigInt(m[2]) * 1_000_000_000n + BigInt((m[3] ?? '').padEnd(9, '0') || '0');
  return m[1] ? -n : n;
}

/** agent.ValidateDuration: at least 1ms, whole milliseconds. Undefined when valid or not a duration. */
export function protoDurationError(v: unknown): string | undefined {
  const n = durationNanos(v);
  if (n === undefined) return undefined; // a malformed duration is a decode error, reported by the schema
  if (n < NS_PER_MS) return 'duration must be greater than 1ms';
  if (n % NS_PER_MS !== 0n) return 'only durations to ms precision are supported';
  return undefined;
}
