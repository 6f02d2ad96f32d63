/** Submissions: items are stored and echoed with the fields the MMS fills in. */
import { toJstDateTime } from '../../client/time.js';
import { complexIndex } from '../../xml/schema-index.js';
import { complexType, setIfDeclared, stripServerFields, withStatus, type Note, type Rec } from '../values.js';
import { attributesOf, clone, CODES, companyOf, itemsOf, reply, type Call, type Reply } from './reply.js';

export function registeredResource(call: Call, participant: string, resourceName: unknown): Rec | undefined {
  if (typeof resourceName !== 'string') return undefined;
  const found = call.state
    .items(participant, 'registration', 'Resource')
    .filter((s) => s.item['ResourceName'] === resourceName);
  return found[found.length - 1]?.item;
}

/**
 * Fills what the MMS fills in on a submitted item, where the type declares
 * the attribute, the client left it out and the value fits the facets:
 * participant and company, resource details from the registration, the
 * submission time, offer ids and the transaction id.
 */
function fillServerFields(call: Call, typeName: string, item: Rec, top: boolean): void {
  const { module, caller } = call;
  const type = complexType(module, typeName);
  const declared = new Set(type.attributes.map((a) => a.name));
  const fill = (name: string, value: unknown): void => {
    if (declared.has(name) && item[name] === undefined && value !== undefined)
      setIfDeclared(module, typeName, item, name, value);
  };
  if (top) {
    fill('BspParticipantName', caller.participant);
    fill('ParticipantName', caller.participant);
    fill('CompanyShortName', companyOf(caller.config));
    fill('OperatorCode', caller.participant);
    fill('TransactionId', call.transactionId);
    const resource = registeredResource(call, caller.participant, item['ResourceName']);
    if (resource) {
      fill('Area', resource['Area']);
      fill('ResourceShortName', resource['ResourceShortName']);
      fill('SystemCode', resource['SystemCode']);
    }
  }
  fill('SubmissionTime', toJstDateTime(call.now));
  if (declared.has('OfferId') && item['OfferId'] === undefined)
    fill('OfferId', `SIM-${call.transactionId}-${call.state.nextOfferNumber()}`);
  for (const [name, member] of complexIndex(type).elements) {
    if (name === 'Messages') continue;
    const child = item[name];
    const childTypeName = member.element.type;
    if (childTypeName.startsWith('xs:') || module.types[childTypeName]?.kind !== 'complex') continue;
    for (const c of itemsOf(child)) fillServerFields(call, childTypeName, c, false);
  }
}

export function submit(call: Call): Reply {
  const { op, module } = call;
  const answered = call.items.map((raw) => {
    const item = stripServerFields(raw) as Rec;
    fillServerFields(call, op.dataType, item, true);
    return item;
  });
  // Approvals change the status of what was submitted; the simulator keeps no approval state.
  if (op.envelope !== 'RegistrationApproval') {
    const envelope = attributesOf(call.holder);
    for (const item of answered) {
      call.state.add(op.module, op.element, {
        item: clone(item),
        envelope,
        participant: call.caller.participant,
        transactionId: call.transactionId,
        storedAt: call.now,
      });
    }
  }
  const items = answered.map((item, i) =>
    withStatus(module, op.dataType, item, call.warnedItems?.has(i) ? 'WARNING' : 'PASSED', true),
  );
  const notes: Note[] = [
    {
      level: 'information',
      code: CODES.accepted,
      text: `${items.length}件のデータを受け付けました (${items.length} item${items.length === 1 ? '' : 's'} accepted)`,
    },
  ];
  return reply(call, op.envelope, op.element, op.many ? items : items[0], notes);
}
