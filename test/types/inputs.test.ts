/**
 * Input types are inputs (issue 11): `tsc --strict` on programs against the
 * root entry. The members only answers carry (Success, Validation,
 * ValidationStatus, Messages, ProcessingStatistics, and a BUP's
 * BspParticipantName, Area, ...) are absent from what a call takes and
 * present in what it returns; an answer item passed or spread as a request
 * fails to compile, and `MmsClient.asInput` makes one fit to send again.
 */
import { diagnosticLines, markedLines } from '../helpers/typecheck.js';

const HEAD = `
import { MmsClient, type DataInput, type EnvelopeInput } from '../../src/index.js';
declare const client: MmsClient;
const envelope = { Date: '2026-12-02', MarketType: 'DAM' } as const;
const offer: DataInput<'MarketSubmit_OfferData'> = {
  ResourceName: 'RES01',
  StartTime: '2026-12-02T09:00:00',
  EndTime: '2026-12-02T12:00:00',
  Direction: '1',
  OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: '12.50' }],
};
`;

const GOOD = `${HEAD}
export async function resubmit(): Promise<void> {
  const put = await client.putOffer(envelope, offer);
  const answered = put.data!;
  // Results keep what the MMS fills in.
  const validation: string | undefined = answered.Validation;
  const success: boolean | undefined = answered.Success;
  const again = MmsClient.asInput('MarketSubmit_OfferData', answered);
  await client.putOffer(envelope, { ...again, EndTime: '2026-12-02T15:00:00' });
  await client.request('MarketSubmit_OfferData', envelope, [offer, again]);
  const bup = await client.putBup(envelope, {
    ResourceName: 'RES01',
    StartTime: '2026-12-02T00:00:00',
    EndTime: '2026-12-02T03:00:00',
    PatternData: [{ PatternNo: 1, PatternStatus: '1' }],
  });
  const bsp: string | undefined = bup.data?.BspParticipantName;
  const attributes: EnvelopeInput<'MarketQuery_OfferQuery'> = { Date: '2026-12-02' };
  await client.queryOffers(attributes, { MarketType: 'DAM' });
  void [validation, success, bsp];
}
`;

const BAD = `${HEAD}
declare const answered: NonNullable<Awaited<ReturnType<MmsClient['putOffer']>>['data']>;
export const literal: DataInput<'MarketSubmit_OfferData'> = { ...offer, Validation: 'PASSED' }; // error
export const succeeded: DataInput<'MarketSubmit_OfferData'> = { ...offer, Success: true }; // error
export const asIs = client.putOffer(envelope, answered); // error
export const spread = client.putOffer(envelope, { ...answered, EndTime: '2026-12-02T15:00:00' }); // error
export const inList = client.request('MarketSubmit_OfferData', envelope, [offer, answered]); // error
export const messages = client.queryOffers({ Date: '2026-12-02' }, { MarketType: 'DAM', Messages: {} }); // error
export const onEnvelope = client.queryOffers({ Date: '2026-12-02', Success: true }, { MarketType: 'DAM' }); // error
export const bupOwn = client.putBup(envelope, { ResourceName: 'RES01', StartTime: '2026-12-02T00:00:00', EndTime: '2026-12-02T03:00:00', PatternData: [{ PatternNo: 1, PatternStatus: '1' }], BspParticipantName: 'F100' }); // error
export const fine = client.putOffer(envelope, MmsClient.asInput('MarketSubmit_OfferData', answered));
`;

test('requests take no answer-only member, results keep them, and an answer passed as a request does not compile', () => {
  const marked = markedLines(BAD);
  expect(marked).toHaveLength(8);
  expect(diagnosticLines({ 'inputs-good.ts': GOOD, 'inputs-bad.ts': BAD })).toEqual({
    'inputs-good.ts': [],
    'inputs-bad.ts': marked,
  });
}, 120_000);
