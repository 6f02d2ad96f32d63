/**
 * Pass 4: choose how each simple type is held in TypeScript. A value is a
 * `number` only where the facets prove that every valid value has at most 15
 * significant digits (or is an integer within ±2^53), so the shortest
 * decimal form of the double is the value itself; otherwise it stays a
 * lexical string and no digit can be lost. See docs/decisions.md.
 */
import {
  BUILTIN_REPRESENTATION,
  type Builtin,
  type Facets,
  type JsRepresentation,
} from '../../src/xml/descriptors.js';
import type { SchemaModel } from '../model/model.js';

const MAX_EXACT_DIGITS = 15;

function integerDigits(lexical: string): number {
  const [whole = ''] = lexical.replace(/^[+-]/, '').split('.');
  return whole.replace(/^0+/, '').length;
}

export function chooseRepresentation(builtin: Builtin, facets: Facets): JsRepresentation {
  const base = BUILTIN_REPRESENTATION[builtin];
  if (builtin !== 'integer' && builtin !== 'long' && builtin !== 'decimal') return base;
  if (facets.totalDigits !== undefined && facets.totalDigits <= MAX_EXACT_DIGITS) return 'number';
  if (facets.minInclusive === undefined || facets.maxInclusive === undefined) return base;
  const fraction = builtin === 'decimal' ? facets.fractionDigits : 0;
  if (fraction === undefined) return base;
  const digits = Math.max(integerDigits(facets.minInclusive), integerDigits(facets.maxInclusive)) + fraction;
  return digits <= MAX_EXACT_DIGITS ? 'number' : base;
}

export function chooseRepresentations(model: SchemaModel): void {
  for (const type of model.types.values()) {
    if (type.kind === 'simple' && type.builtin && type.facets)
      type.js = chooseRepresentation(type.builtin, type.facets);
  }
}
