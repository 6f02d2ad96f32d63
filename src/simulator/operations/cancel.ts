/** Offer cancels: matching offers are removed; cancelling nothing is a warning. */
import { stripServerFields, withStatus, type Note, type Rec } from '../values.js';
import { CODES, reply, type Call, type Reply } from './reply.js';

export function cancelOffers(call: Call): Reply {
  const { op, module } = call;
  const notes: Note[] = [];
  const items = call.items.map((raw, i) => {
    const cancel = stripServerFields(raw) as Rec;
    const removed = call.state.remove(call.caller.participant, 'market', 'OfferData', (s) => {
      if (s.item['ResourceName'] !== cancel['ResourceName']) return false;
      const marketType = s.envelope['MarketType'];
      if (marketType !== undefined && marketType !== cancel['MarketType']) return false;
      return (
        String(s.item['StartTime']) < String(cancel['EndTime']) &&
        String(s.item['EndTime']) > String(cancel['StartTime'])
      );
    });
    if (removed === 0) {
      notes.push({
        level: 'warning',
        code: CODES.cancelNotFound,
        text: `取消対象の入札がありません: 項目${i + 1} (no offer of ${String(cancel['ResourceName'])} in ${String(cancel['StartTime'])}–${String(cancel['EndTime'])} to cancel)`,
      });
    }
    return withStatus(module, op.dataType, cancel, 'PASSED', true);
  });
  if (notes.length === 0)
    notes.push({
      level: 'information',
      code: CODES.accepted,
      text: `${items.length}件の入札を取り消しました`,
    });
  return reply(call, op.envelope, op.element, op.many ? items : items[0], notes);
}
