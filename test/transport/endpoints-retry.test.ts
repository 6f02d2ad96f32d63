import { MmsClientError } from '../../src/errors.js';
import { MMS_HOSTS, resolveEndpoints } from '../../src/transport/endpoints.js';
import { abortableSleep, backoffDelay, isRetryable, resolveRetryPolicy } from '../../src/transport/retry.js';

describe('resolveEndpoints', () => {
  it.each([
    [
      'bsp',
      'MI',
      'production',
      [
        'https://www2.eprx.or.jp/axis2/services/MiWebService',
        'https://www3.eprx.or.jp/axis2/services/MiWebService',
      ],
    ],
    [
      'mo',
      'OMI',
      'production',
      [
        'https://www5.eprx.or.jp/axis2/services/OmiWebService',
        'https://www6.eprx.or.jp/axis2/services/OmiWebService',
      ],
    ],
    ['bsp', 'OMI', 'test', ['https://www7.eprx.or.jp/axis2/services/OmiWebService']],
    ['mo', 'MI', 'test', ['https://www4.eprx.or.jp/axis2/services/MiWebService']],
    [
      'tso',
      'MI',
      'production',
      [
        'https://maiwlba103v03.eprx.or.jp/axis2/services/MiWebService',
        'https://mbiwlba103v03.eprx.or.jp/axis2/services/MiWebService',
      ],
    ],
    [
      'tso',
      'OMI',
      'production',
      [
        'https://maiwlba103v07.eprx.or.jp/axis2/services/OmiWebService',
        'https://mbiwlba103v07.eprx.or.jp/axis2/services/OmiWebService',
      ],
    ],
    ['tso', 'MI', 'test', ['https://mbiwlba103v06.eprx.or.jp/axis2/services/MiWebService']],
    ['tso', 'OMI', 'test', ['https://mbiwlba103v08.eprx.or.jp/axis2/services/OmiWebService']],
  ] as const)('%s %s %s', (clientType, iface, environment, urls) => {
    expect(resolveEndpoints({ clientType, interface: iface, environment })).toEqual(urls);
  });

  it('BSP and MO share hosts', () => {
    expect(MMS_HOSTS.bsp).toBe(MMS_HOSTS.mo);
  });

  it('every URL is overridable, per interface', () => {
    const overrides = { MI: ['https://127.0.0.1:1/a', 'https://127.0.0.1:2/b'], OMI: 'https://h/omi' };
    expect(
      resolveEndpoints({ clientType: 'tso', interface: 'MI', environment: 'production', overrides }),
    ).toEqual(overrides.MI);
    expect(resolveEndpoints({ clientType: 'tso', interface: 'OMI', environment: 'test', overrides })).toEqual(
      ['https://h/omi'],
    );
    expect(() =>
      resolveEndpoints({ clientType: 'bsp', interface: 'MI', environment: 'test', overrides: { MI: [] } }),
    ).toThrow(MmsClientError);
    expect(() =>
      resolveEndpoints({
        clientType: 'bsp',
        interface: 'MI',
        environment: 'test',
        overrides: { MI: 'ftp://x' },
      }),
    ).toThrow(/not an http/);
    expect(() =>
      resolveEndpoints({
        clientType: 'bsp',
        interface: 'MI',
        environment: 'test',
        overrides: { MI: 'nope' },
      }),
    ).toThrow(/not a URL/);
  });
});

describe('retry policy', () => {
  it('back-off grows exponentially, is capped, and jitters within [exp/2, exp]', () => {
    const lo = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
    const hi = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map((r) => backoffDelay(lo, r))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 6].map((r) => backoffDelay(hi, r))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('retries what never reached the server always, ambiguous failures only for queries or by opt-in, never final ones', () => {
    expect(isRetryable('not-sent', 'submit', false)).toBe(true);
    expect(isRetryable('ambiguous', 'query', false)).toBe(true);
    expect(isRetryable('ambiguous', 'submit', false)).toBe(false);
    expect(isRetryable('ambiguous', 'submit', true)).toBe(true);
    expect(isRetryable('final', 'query', true)).toBe(false);
  });

  it('rejects nonsense settings', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(MmsClientError);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(MmsClientError);
  });

  it('abortableSleep waits, and stops early on abort with the signal reason', async () => {
    const t0 = Date.now();
    await abortableSleep(20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    const c = new AbortController();
    const p = abortableSleep(10_000, c.signal);
    c.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
