/** Which operations a rule applies to, read from the operation catalog rather than listed by hand. */
import { modules, operations } from '../../generated/index.js';
import type { ComplexTypeDescriptor, OperationDescriptor } from '../xml/descriptors.js';

const ALL = Object.values(operations) as readonly OperationDescriptor[];

/** Operations whose data item declares every one of `attributes`. */
export function withAttributes(...attributes: string[]): string[] {
  return ALL.filter((op) => {
    const type = modules[op.module].types[op.dataType] as ComplexTypeDescriptor | undefined;
    const names = new Set(type?.kind === 'complex' ? type.attributes.map((a) => a.name) : []);
    return attributes.every((a) => names.has(a));
  }).map((op) => op.id);
}

/** Operations sent in one of these envelopes. */
export function inEnvelopes(...envelopes: string[]): string[] {
  return ALL.filter((op) => op.envelope !== undefined && envelopes.includes(op.envelope)).map((op) => op.id);
}
