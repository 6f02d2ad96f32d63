/** Prints the JST helpers' answers for fixed inputs; run under different TZ values by test/client/time.test.ts. */
import { addJstDays, fromJstDate, fromJstDateTime, toJstDate, toJstDateTime } from '../../src/client/time.js';

const instants = [
  '2024-03-15T03:00:00.000Z',
  '2024-03-14T15:00:00.000Z',
  '2024-03-10T07:30:00.000Z',
  '2024-11-03T05:59:59.000Z',
  '2024-12-31T15:00:00.000Z',
];
console.log(
  JSON.stringify({
    offset: new Date(2024, 0, 1).getTimezoneOffset(),
    toJstDateTime: instants.map((i) => toJstDateTime(new Date(i))),
    toJstDate: instants.map((i) => toJstDate(new Date(i))),
    fromJstDateTime: ['2024-03-15T12:00:00', '2024-03-10T02:30:00', '2024-03-15T12:00:00+00:00'].map((s) =>
      fromJstDateTime(s).toISOString(),
    ),
    fromJstDate: ['2024-03-15', '2024-03-10', '2024-11-03'].map((s) => fromJstDate(s).toISOString()),
    addJstDays: [addJstDays('2024-02-28', 1), addJstDays('2024-03-31', 1), addJstDays('2025-01-01', -1)],
  }),
);
