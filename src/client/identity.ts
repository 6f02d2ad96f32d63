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

/** Disagreements between the configured identity and the certificate subject, as sentences. */
export function identityMismatches(subject: string, participant: string, user: string): string[] {
  const out: string[] = [];
  const organisation = dnAttribute(subject, 'O');
  const common = dnAttribute(subject, 'CN');
  // Only compare where the subject carries a value of the right shape: other
  // certificate profiles put company names there.
  if (organisation !== undefined && /^[A-Z][0-9]{3}$/.test(organisation) && organisation !== participant) {
    out.push(`the certificate is for participant ${organisation} (subject O), not ${participant}`);
  }
  if (common !== undefined && /^[A-Z0-9]{1,12}$/.test(common) && common !== user) {
    out.push(`the certificate is for user ${common} (subject CN), not ${user}`);
  }
  return out;
}
