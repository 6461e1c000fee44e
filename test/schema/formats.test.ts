// Format checks: quantities, durations (Go/Istio), date-times, base64, IP addresses, int32.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkNumberFormat, checkStringFormat } from '../../server/src/engine/schema/formats';

const strings: [format: string, value: string, ok: boolean][] = [
  ['quantity', '100m', true],
  ['quantity', '1.5Gi', true],
  ['quantity', '2', true],
  ['quantity', '1e3', true],
  ['quantity', '+.5', true],
  ['quantity', '128MB', false],
  ['quantity', '1 Gi', false],
  ['quantity', 'Gi', false],
  ['quantity', '', false],
  ['duration', '5s', true],
  ['duration', '1h30m', true],
  ['duration', '1.5s', true],
  ['duration', '250ms', true],
  ['duration', '0', true],
  ['duration', '3us', true],
  ['duration', '5', false],
  ['duration', '5 s', false],
  ['duration', '1d', false],
  ['duration', 's', false],
  ['date-time', '2024-01-02T15:04:05Z', true],
  ['date-time', '2024-01-02T15:04:05.123+02:00', true],
  ['date-time', '2024-01-02', false],
  ['byte', 'aGVsbG8=', true],
  ['byte', 'aGVs\nbG8=', true],
  // Go's decoder skips newlines, not spaces (the API server rejects the value).
  ['byte', 'aGVs\n bG8=', false],
  ['byte', 'hello!', false],
  ['ipv4', '10.0.0.1', true],
  ['ipv4', '10.0.0.256', false],
  ['ipv6', '::1', true],
  ['ipv6', 'fe80::1:2', true],
  ['ipv6', '2001:db8::ff00:42:8329', true],
  ['ipv6', '1:2:3:4:5:6:7:8', true],
  ['ipv6', '1::2::3', false],
  ['ipv6', '12345::', false],
  ['hostname', 'anything goes', true], // formats we do not check pass
];

describe('formats', () => {
  for (const [format, value, ok] of strings) {
    it(`${format} ${JSON.stringify(value)} ${ok ? 'passes' : 'fails'}`, () => {
      assert.equal(checkStringFormat(format, value) === undefined, ok, checkStringFormat(format, value));
    });
  }
  it('int32 range', () => {
    assert.equal(checkNumberFormat('int32', 2147483647), undefined);
    assert.match(checkNumberFormat('int32', 2147483648)!, /32-bit/);
    assert.match(checkNumberFormat('int32', -2147483649)!, /32-bit/);
  });
  it('huge values are not scanned', () =>
    assert.equal(checkStringFormat('quantity', '1'.repeat(1 << 17) + 'x'), undefined));
});
