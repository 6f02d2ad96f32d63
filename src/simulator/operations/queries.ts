/** Queries over stored items, and queries the simulator has no data for. */
import { addJstDays } from '../../client/time.js';
import type { StoredItem } from '../state.js';
import { stripServerFields, withStatus, type Note, type Rec } from '../values.js';
import { attributesOf, clone, CODES, reply, type Call, type KnownCaller, type Reply } from './reply.js';

/** Participants whose data a caller may read: a BSP its own, an MO or a TSO everyone's. */
export function readScope(caller: KnownCaller): string | undefined {
  return caller.config.clientType === 'bsp' ? caller.participant : undefined;
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a stored item answers a query item: every query attribute the
 * stored item (or its envelope) also has must be equal, `StartTime` and
 * `EndTime` select overlapping periods, and a trade `Date` with `NumOfDays`
 * on both envelopes selects the days.
 */
export function matches(query: Rec, queryEnvelope: Rec, stored: StoredItem): boolean {
  for (const [name, value] of Object.entries(attributesOf(query))) {
    if (name === 'StartTime') {
      const end = stored.item['EndTime'];
      if (typeof end === 'string' && !(end > String(value))) return false;
    } else if (name === 'EndTime') {
      const start = stored.item['StartTime'];
      if (typeof start === 'string' && !(start < String(value))) return false;
    } else {
      const have = stored.item[name] ?? stored.envelope[name];
      if (have !== undefined && String(have) !== String(value)) return false;
    }
  }
  const date = queryEnvelope['Date'];
  const storedDate = stored.envelope['Date'];
  // Plain dates only: an xs:date may carry a zone, which the MMS does not use.
  if (
    typeof date === 'string' &&
    typeof storedDate === 'string' &&
    PLAIN_DATE.test(date) &&
    PLAIN_DATE.test(storedDate)
  ) {
    const days = typeof queryEnvelope['NumOfDays'] === 'number' ? queryEnvelope['NumOfDays'] : 1;
    if (storedDate < date || storedDate >= addJstDays(date, days)) return false;
  }
  return true;
}

export function noData(): Note {
  return { level: 'information', code: CODES.noData, text: '該当するデータはありません (no matching data)' };
}

export function storedQuery(call: Call): Reply {
  const { op, module } = call;
  const queries = call.items.map((q) => stripServerFields(q) as Rec);
  const envelope = attributesOf(call.holder);
  let found = call.state
    .items(readScope(call.caller), op.module, op.result.element)
    .filter((s) => queries.some((q) => matches(q, envelope, s)));
  if (!op.result.many) found = found.slice(-1);
  const items = found.map((s) => withStatus(module, op.result.type, clone(s.item), 'PASSED', true));
  const notes = items.length === 0 ? [noData()] : [];
  return reply(
    call,
    op.result.envelope,
    op.result.element,
    items.length === 0 ? undefined : op.result.many ? items : items[0],
    notes,
  );
}

export function echoQuery(call: Call): Reply {
  const { op, module } = call;
  const items = call.items.map((q) =>
    withStatus(module, op.dataType, stripServerFields(q) as Rec, 'PASSED', true),
  );
  return reply(call, op.envelope, op.element, op.many ? items : items[0], [noData()]);
}
