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

/** `soap-mi` → `soapMi`: module folders as identifiers. */
export function moduleIdentifier(module: string): string {
  return module.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The one runtime module generated code imports (src/generated-support.ts),
 * as written from a module folder and from the top of generated/.
 */
export const SUPPORT_FROM_MODULE = '../../src/generated-support.js';
export const SUPPORT_FROM_TOP = '../src/generated-support.js';
