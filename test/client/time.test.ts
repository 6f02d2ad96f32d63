/**
 * JST helpers give the same answers whatever the host's time zone: the probe
 * runs in child processes under TZ=UTC, TZ=America/New_York (with its DST
 * change on 2024-03-10 and 2024-11-03) and TZ=Asia/Tokyo.
 */
import { execFileSync } from 'node:child_process';
import { fromJstDateTime, MmsTimeError, toJstDateTime } from '../../src/client/time.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { TSX } from '../helpers/subprocess.js';

function probe(tz: string): Record<string, unknown> {
  const out = execFileSync(TSX, ['test/helpers/time-probe.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, unknown>;
}

test('the same results under UTC, New York and Tokyo', () => {
  const [utc, newYork, tokyo] = ['UTC', 'America/New_York', 'Asia/Tokyo'].map(probe);
  // The hosts really are in different zones…
  expect([utc!['offset'], newYork!['offset'], tokyo!['offset']]).toEqual([0, 300, -540]);
  // …and the answers do not depend on it.
  const { offset: _a, ...u } = utc!;
  const { offset: _b, ...n } = newYork!;
  const { offset: _c, ...t } = tokyo!;
  expect(n).toEqual(u);
  expect(t).toEqual(u);
  expect(u).toEqual({
    toJstDateTime: [
      '2024-03-15T12:00:00',
      '2024-03-15T00:00:00',
      '2024-03-10T16:30:00',
      '2024-11-03T14:59:59',
      '2025-01-01T00:00:00',
    ],
    toJstDate: ['2024-03-15', '2024-03-15', '2024-03-10', '2024-11-03', '2025-01-01'],
    fromJstDateTime: ['2024-03-15T03:00:00.000Z', '2024-03-09T17:30:00.000Z', '2024-03-15T12:00:00.000Z'],
    fromJstDate: ['2024-03-14T15:00:00.000Z', '2024-03-09T15:00:00.000Z', '2024-11-02T15:00:00.000Z'],
    addJstDays: ['2024-02-29', '2024-04-01', '2024-12-31'],
  });
}, 30_000);

test('invalid input is refused with a typed error', () => {
  expect(() => toJstDateTime(new Date('x'))).toThrow(MmsTimeError);
  expect(() => toJstDateTime(new Date('2024-03-15T03:00:00.250Z'), { milliseconds: 'refuse' })).toThrow(
    /milliseconds/,
  );
  expect(() => fromJstDateTime('2024-02-30T00:00:00')).toThrow(
    /not a valid xs:dateTime: day 30 does not exist/,
  );
  expect(() => fromJstDateTime('15/03/2024')).toThrow(
    /not a valid xs:dateTime: expected YYYY-MM-DDThh:mm:ss/,
  );
});
