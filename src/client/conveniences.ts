/**
 * What the reference client (mms-client for Python) fills in or leaves out
 * of a request on the caller's behalf, so that code moving from it sends
 * the same documents. Each is on by default and can be switched off
 * (`MmsClientOptions.conveniences`); none ever overrides a value the caller
 * gave, and none drops one silently.
 */
import { MmsClientError } from '../errors.js';
import type { OperationDescriptor } from '../xml/descriptors.js';
import type { ClientType } from '../vocabulary.js';

/** The conveniences, each on unless set to false. */
export interface Conveniences {
  /**
   * A BSP's resource registrations and resource queries carry its own
   * `ParticipantName` in each data item where the caller left it out
   * (`putResource`, `queryResources`). Default true.
   */
  readonly participantInResources?: boolean;
  /** Registration queries say `DateType="TRADE"` (the schema's default) where the caller left it out. Default true. */
  readonly registrationDateType?: boolean;
  /**
   * A BSP's report request carries no `BSPName` (a BSP reports on itself):
   * its own name is left out, another participant's is refused. Default true.
   */
  readonly bspReportWithoutName?: boolean;
}

/** Who is calling. */
export interface Caller {
  readonly clientType: ClientType;
  readonly participant: string;
}

/** The envelope attributes and the data, with the conveniences applied. */
export function applyConveniences(
  op: OperationDescriptor,
  caller: Caller,
  envelope: Readonly<Record<string, unknown>>,
  data: unknown,
  switches: Conveniences = {},
): { envelope: Record<string, unknown>; data: unknown } {
  let out = data;
  const bsp = caller.clientType === 'bsp';
  // The operations are the catalog's (`filledInData`: the reference's putResource, queryResources).
  if (bsp && switches.participantInResources !== false && op.filledInData?.includes('ParticipantName')) {
    out = mapItems(out, (item) =>
      item['ParticipantName'] === undefined ? { ParticipantName: caller.participant, ...item } : item,
    );
  }
  if (bsp && switches.bspReportWithoutName !== false && op.id === 'ReportCreateRequest') {
    out = mapItems(out, (item) => withoutOwnName(op, caller, item));
  }
  const fillDateType =
    switches.registrationDateType !== false &&
    op.envelope === 'RegistrationQuery' &&
    envelope['DateType'] === undefined;
  return { envelope: fillDateType ? { ...envelope, DateType: 'TRADE' } : { ...envelope }, data: out };
}

function withoutOwnName(
  op: OperationDescriptor,
  caller: Caller,
  item: Record<string, unknown>,
): Record<string, unknown> {
  const name = item['BSPName'];
  if (name === undefined) return item;
  if (name !== caller.participant) {
    throw new MmsClientError(
      'INVALID_REQUEST',
      `${op.id}: BSPName ${JSON.stringify(String(name))} names another participant; a BSP (${caller.participant}) requests reports on itself, without BSPName (conveniences.bspReportWithoutName: false sends it as given); nothing was sent`,
    );
  }
  const { BSPName: _own, ...rest } = item;
  return rest;
}

/** Applies `fn` to each plain-object data item (one, or a list); anything else is left for validation to judge. */
function mapItems(data: unknown, fn: (item: Record<string, unknown>) => Record<string, unknown>): unknown {
  const one = (item: unknown): unknown =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? fn(item as Record<string, unknown>)
      : item;
  return Array.isArray(data) ? data.map(one) : one(data);
}
