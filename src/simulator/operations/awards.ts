/** Award results, made from the stored offers: every offer is awarded in full at its own price. */
import { createHash } from 'node:crypto';
import type { StoredItem } from '../state.js';
import { conformAttributes, stripServerFields, withStatus, type Rec } from '../values.js';
import {
  attributesOf,
  companyOf,
  DEFAULT_AREA,
  DEFAULT_RESOURCE_SHORT_NAME,
  DEFAULT_SYSTEM_CODE,
  itemsOf,
  reply,
  type Call,
  type Reply,
} from './reply.js';
import { matches, noData, readScope } from './queries.js';
import { registeredResource } from './submit.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function awardData(call: Call, stored: StoredItem, stack: Rec): Rec | undefined {
  const offer = stored.item;
  const resource = registeredResource(call, stored.participant, offer['ResourceName']) ?? {};
  const hash = digest(
    `${stored.transactionId}/${String(offer['ResourceName'])}/${String(stack['StackNumber'])}`,
  );
  const price = stack['OfferUnitPrice'];
  const candidate: Rec = {
    ContractId: `C${hash.toString('hex').toUpperCase().slice(0, 18)}`,
    JbmsId: String(hash.readUInt32BE(0) + 1),
    Area: offer['Area'] ?? resource['Area'] ?? DEFAULT_AREA,
    ResourceName: offer['ResourceName'],
    ResourceShortName:
      offer['ResourceShortName'] ?? resource['ResourceShortName'] ?? DEFAULT_RESOURCE_SHORT_NAME,
    SystemCode: offer['SystemCode'] ?? resource['SystemCode'] ?? DEFAULT_SYSTEM_CODE,
    ResourceType: resource['ResourceType'] ?? '01',
    DrPatternNumber: offer['DrPatternNumber'],
    BspParticipantName: stored.participant,
    CompanyShortName: offer['CompanyShortName'] ?? companyOf(call.participants.get(stored.participant)),
    OperatorCode: offer['OperatorCode'] ?? stored.participant,
    // Every offer is awarded in full at its own price (pay-as-bid).
    OfferPrice: price,
    ContractPrice: price,
    CorrectedUnitPrice: price,
    RampDownUnitPrice: stack['RampDownUnitPrice'] ?? '0.00',
    StartUpUnitPrice: stack['StartUpUnitPrice'] ?? '0.00',
    PerfEvalCoeff: '1.00',
    SubmissionTime: offer['SubmissionTime'],
    OfferAwardedLevel: '1',
    OfferId: stack['OfferId'],
    ContractSource: '1',
  };
  for (const category of ['Primary', 'Secondary1', 'Secondary2', 'Tertiary1', 'Tertiary2']) {
    const quantity = stack[`${category}OfferQuantityInKw`];
    if (quantity === undefined) continue;
    candidate[`${category}OfferQuantityInKw`] = quantity;
    candidate[`${category}AwardQuantityInKw`] = quantity;
    candidate[`${category}ContractQuantityInKw`] = quantity;
  }
  const conformed = conformAttributes(call.module, 'AwardResultsDataType', candidate);
  return conformed.complete ? conformed.value : undefined;
}

export function awards(call: Call): Reply {
  const { op, module } = call;
  const query = stripServerFields(call.items[0] ?? {}) as Rec;
  const envelope = attributesOf(call.holder);
  const offers = call.state
    .items(readScope(call.caller), 'market', 'OfferData')
    .filter((s) => matches(query, envelope, s));
  const results: Rec[] = [];
  for (const offer of offers) {
    const data = itemsOf(offer.item['OfferStack'])
      .map((stack) => awardData(call, offer, stack))
      .filter((d): d is Rec => d !== undefined);
    if (data.length === 0) continue;
    const group = conformAttributes(module, 'AwardResultsType', offer.item);
    if (group.complete) results.push({ ...group.value, AwardResultsData: data });
  }
  const answer = withStatus(module, op.dataType, { ...query }, 'PASSED', true);
  if (results.length > 0) answer['AwardResultsQueryResponse'] = { AwardResults: results };
  else delete answer['AwardResultsQueryResponse'];
  return reply(call, op.envelope, op.element, answer, results.length === 0 ? [noData()] : []);
}
