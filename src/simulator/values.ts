/**
 * Building schema-valid response values from descriptors: taking only what a
 * type declares and what its facets accept, the status attributes
 * (`Validation`/`ValidationStatus`, `Success`), `Messages` in each module's
 * shape, and `ProcessingStatistics`. Every answer the simulator writes goes
 * through these, so a value from one schema module (a registered resource)
 * can be reused in another (a report row) without breaking a facet.
 */
import { toJstDateTime } from '../client/time.js';
import type { ComplexTypeDescriptor, ModuleDescriptor, SimpleTypeDescriptor } from '../xml/descriptors.js';
import { checkSimpleValue, formatNumber } from '../xml/facets.js';
import { fromLexical } from '../xml/scalar.js';
import { complexIndex, resolveType } from '../xml/schema-index.js';

export type Rec = Record<string, unknown>;

/** A message the simulator adds to a response. Codes are the simulator's own (illustrative). */
export interface Note {
  readonly level: 'error' | 'warning' | 'information';
  readonly code: string;
  readonly text: string;
}

export function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function complexType(module: ModuleDescriptor, name: string): ComplexTypeDescriptor {
  const type = resolveType(module, name);
  if (type.kind !== 'complex') throw new Error(`${module.file}: ${name} is not a complex type`);
  return type;
}

/** The type of child element `element` of complex type `typeName`, if it has one. */
export function childType(module: ModuleDescriptor, typeName: string, element: string): string | undefined {
  return complexIndex(complexType(module, typeName)).elements.get(element)?.element.type;
}

function lexicalOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return formatNumber(value);
  return undefined;
}

/**
 * `value` as a value of simple type `typeRef` of `module`, or undefined when
 * its lexical form breaks the type (so it is left out rather than written).
 */
export function asSimple(module: ModuleDescriptor, typeRef: string, value: unknown): unknown {
  const type = resolveType(module, typeRef);
  if (type.kind !== 'simple') return undefined;
  const lexical = lexicalOf(value);
  if (lexical === undefined || checkSimpleValue(lexical, type).length > 0) return undefined;
  return fromLexical(lexical, type as SimpleTypeDescriptor);
}

/**
 * The attributes of `typeName` taken from `source`, each converted to the
 * type's representation and kept only if valid. `complete` tells whether
 * every required attribute is there.
 */
export function conformAttributes(
  module: ModuleDescriptor,
  typeName: string,
  source: Rec,
): { value: Rec; complete: boolean; missing: string[] } {
  const type = complexType(module, typeName);
  const value: Rec = {};
  const missing: string[] = [];
  for (const attribute of type.attributes) {
    const raw = source[attribute.name];
    const converted = raw === undefined ? undefined : asSimple(module, attribute.type, raw);
    if (converted !== undefined) value[attribute.name] = converted;
    else if (attribute.required) missing.push(attribute.name);
  }
  return { value, complete: missing.length === 0, missing };
}

/** Sets attribute `name` when the type declares it and the value fits; returns whether it was set. */
export function setIfDeclared(
  module: ModuleDescriptor,
  typeName: string,
  target: Rec,
  name: string,
  value: unknown,
): boolean {
  const attribute = complexType(module, typeName).attributes.find((a) => a.name === name);
  if (!attribute) return false;
  const converted = asSimple(module, attribute.type, value);
  if (converted === undefined) return false;
  target[name] = converted;
  return true;
}

/** Sets the status attributes a type declares: `Validation` or `ValidationStatus`, and `Success`. */
export function withStatus(
  module: ModuleDescriptor,
  typeName: string,
  target: Rec,
  validation: 'PASSED' | 'FAILED' | 'WARNING',
  success: boolean,
): Rec {
  if (!setIfDeclared(module, typeName, target, 'Validation', validation))
    setIfDeclared(module, typeName, target, 'ValidationStatus', validation);
  setIfDeclared(module, typeName, target, 'Success', success);
  return target;
}

/**
 * A copy of a request value with what only the server writes removed:
 * `Messages` everywhere and the status attributes. What remains was valid
 * in the request, so it stays valid in the answer.
 */
export function stripServerFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripServerFields);
  if (!isRec(value)) return value;
  const out: Rec = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'Messages' || key === 'Validation' || key === 'ValidationStatus' || key === 'Success')
      continue;
    out[key] = stripServerFields(child);
  }
  return out;
}

/**
 * A `Messages` value in the shape of the module: entries with a `Code`
 * attribute where the schema has one (market, omi, registration), plain
 * text otherwise (mi-report.xsd), where the code goes in front of the text.
 */
export function messagesValue(module: ModuleDescriptor, notes: readonly Note[]): Rec | undefined {
  if (notes.length === 0) return undefined;
  const out: Rec = {};
  const elements: Record<Note['level'], string> = {
    error: 'Error',
    warning: 'Warning',
    information: 'Information',
  };
  for (const level of ['error', 'warning', 'information'] as const) {
    const entries = notes.filter((n) => n.level === level);
    if (entries.length === 0) continue;
    const elementType = childType(module, 'MessagesType', elements[level]);
    if (elementType === undefined) continue;
    const type = resolveType(module, elementType);
    const withCode = type.kind === 'complex' && type.attributes.some((a) => a.name === 'Code');
    out[elements[level]] = entries.map((n) =>
      withCode ? { Code: n.code, value: n.text } : `[${n.code}] ${n.text}`,
    );
  }
  return out;
}

const JST_OFFSET_MS = 9 * 3_600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue Mar 15 11:43:37 JST 2024`: how the MMS (a Java server) writes `TimeStamp`. */
export function javaTimeStamp(instant: Date): string {
  const jst = new Date(instant.getTime() + JST_OFFSET_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${DAYS[jst.getUTCDay()]} ${MONTHS[jst.getUTCMonth()]} ${pad(jst.getUTCDate())} ` +
    `${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}:${pad(jst.getUTCSeconds())} JST ${jst.getUTCFullYear()}`
  );
}

/** Counts and identity of one processed request. */
export interface Statistics {
  readonly received: number;
  readonly valid: number;
  readonly invalid: number;
  readonly successful: number;
  readonly unsuccessful: number;
  readonly transactionId: string;
  readonly started: number;
  readonly now: Date;
}

/** `ProcessingStatistics` with every attribute the module's type declares. */
export function statisticsValue(module: ModuleDescriptor, s: Statistics): Rec {
  const elapsed = Math.max(1, Math.round(performance.now() - s.started));
  const candidates: Rec = {
    Received: s.received,
    Valid: s.valid,
    Invalid: s.invalid,
    Successful: s.successful,
    Unsuccessful: s.unsuccessful,
    ProcessingTimeMs: String(elapsed),
    TimeInMs: String(elapsed),
    TransactionId: s.transactionId,
    TimeStamp: javaTimeStamp(s.now),
    XmlTimeStamp: toJstDateTime(new Date(Math.floor(s.now.getTime() / 1000) * 1000)),
  };
  return conformAttributes(module, 'ProcessingStatisticsType', candidates).value;
}
