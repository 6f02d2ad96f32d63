/**
 * Safe-name rules. XML names are kept as they are wherever TypeScript allows
 * (properties, most types); characters that cannot appear in an identifier
 * (the `.` in `PosValue12.2Type`) become `_`. Collisions are checked by the
 * emitter, never resolved silently.
 */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function typeIdentifier(xmlName: string): string {
  const safe = xmlName.replace(/[^\w$]/g, '_');
  return /^[0-9]/.test(safe) ? `_${safe}` : safe;
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** `MarketSubmit_OfferData` → `marketSubmitOfferData`; `Omi_MarketQuery_X` → `omiMarketQueryX`. */
export function methodName(operationId: string): string {
  const joined = operationId
    .split('_')
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return joined[0]!.toLowerCase() + joined.slice(1);
}
