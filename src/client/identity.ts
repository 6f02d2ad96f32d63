/**
 * The participant and user a client acts as: their formats (from the schema,
 * mi-market.xsd ParticipantNameType and UserNameType) and their agreement
 * with the certificate subject, which for MMS certificates carries the
 * participant as O and the user as CN (e.g. `C=JP, O=F100, CN=FAKEUSER`).
 */
import { modules } from '../../generated/index.js';
import type { SimpleTypeDescriptor } from '../xml/descriptors.js';
import { checkSimpleValue } from '../xml/facets.js';

export function identityFormatProblems(participant: string, user: string): string[] {
  const types = modules.market.types;
  const check = (label: string, value: unknown, typeName: string): string[] => {
    if (typeof value !== 'string') return [`${label} must be a string`];
    return checkSimpleValue(value, types[typeName] as SimpleTypeDescriptor).map((m) => `${label} ${m}`);
  };
  return [
    ...check('participant', participant, 'ParticipantNameType'),
    ...check('user', user, 'UserNameType'),
  ];
}

/** An attribute value of a distinguished name in `A=B, C=D` form (e.g. `O` or `CN`). */
export function dnAttribute(dn: string, key: string): string | undefined {
  for (const part of dn.split(/,\s*/)) {
    const [k, ...rest] = part.split('=');
    if (k?.trim() === key) return rest.join('=').trim();
  }
  return undefined;
}

const PARTICIPANT_SHAPE = /^[A-Z][0-9]{3}$/;
const USER_SHAPE = /^[A-Z0-9]{1,12}$/;

/**
 * Disagreements between the configured identity and the certificate subject,
 * as sentences, and whether the subject could be checked at all.
 */
function identityMismatches(
  subject: string,
  participant: string,
  user: string,
): { readonly mismatches: string[]; readonly checkable: boolean } {
  const mismatches: string[] = [];
  const organisation = dnAttribute(subject, 'O');
  const common = dnAttribute(subject, 'CN');
  // Only compare where the subject carries a value of the right shape: other
  // certificate profiles put company names there.
  const organisationShaped = organisation !== undefined && PARTICIPANT_SHAPE.test(organisation);
  const commonShaped = common !== undefined && USER_SHAPE.test(common);
  if (organisationShaped && organisation !== participant) {
    mismatches.push(`the certificate is for participant ${organisation} (subject O), not ${participant}`);
  }
  if (commonShaped && common !== user) {
    mismatches.push(`the certificate is for user ${common} (subject CN), not ${user}`);
  }
  return { mismatches, checkable: organisationShaped || commonShaped };
}

/**
 * What the client does about its certificate at construction. A subject that
 * names another participant or user means the MMS will reject every call, so
 * by default (`check: 'error'`) that is refused at once rather than logged to
 * a logger that is silent by default; `warn` asks for a warning instead. A
 * subject without the participant/user shape cannot be compared: a warning.
 */
export function identityVerdict(
  subject: string,
  participant: string,
  user: string,
  check: 'warn' | 'error',
): { readonly refuse?: string; readonly warn?: string } {
  const { mismatches, checkable } = identityMismatches(subject, participant, user);
  if (mismatches.length > 0) {
    const message = `certificate ${subject} does not match the client identity: ${mismatches.join('; ')}`;
    return check === 'error'
      ? { refuse: `${message} (identityCheck: 'warn' lets the client start anyway)` }
      : { warn: message };
  }
  if (!checkable) {
    return {
      warn: `certificate ${subject} names no participant (O) or user (CN) in the MMS form, so it cannot be checked against ${participant}/${user}`,
    };
  }
  return {};
}
