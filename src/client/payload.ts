/**
 * Building the payload document of an operation: the data placed in its
 * envelope under the payload root, validated, and encoded to the canonical
 * bytes that get signed.
 */
import { modules } from '../../generated/index.js';
import type { ModuleDescriptor, OperationDescriptor } from '../xml/descriptors.js';
import { encodeDocument } from '../xml/encode.js';
import { validateValue, type Violation } from '../xml/validate.js';
import { answerOnlyViolations } from './answer-only.js';

export function moduleOf(op: OperationDescriptor): ModuleDescriptor {
  return modules[op.module];
}

/**
 * The payload document value: `{ [envelope]: { ...attributes, [element]: data } }`
 * under the root, or for report requests `{ ...attributes, [element]: data }`.
 */
export function buildDocument(
  op: OperationDescriptor,
  attributes: Record<string, unknown>,
  data: unknown,
): Record<string, unknown> {
  const items = op.many && data !== undefined && !Array.isArray(data) ? [data] : data;
  const body = { ...attributes, [op.element]: items };
  return op.envelope ? { [op.envelope]: body } : body;
}

/** Requests carry JST wall-clock times: an offset is refused, not sent. */
const WALL_CLOCK = { wallClock: true } as const;

/**
 * Every violation of the document, with paths starting at the envelope
 * (`MarketSubmit.OfferData[0].OfferStack[2].OfferUnitPrice`), or at the root
 * for report requests (`MarketReport.ReportCreateRequest.Date`): members
 * only answers carry first, then what breaks the schema.
 */
export function validateDocument(op: OperationDescriptor, document: Record<string, unknown>): Violation[] {
  const module = moduleOf(op);
  const schema =
    op.envelope && op.envelopeType
      ? validateValue(module, op.envelopeType, document[op.envelope], op.envelope, WALL_CLOCK)
      : validateValue(module, op.rootType, document, op.root, WALL_CLOCK);
  const answerOnly = answerOnlyViolations(op, document);
  return answerOnly.length > 0 ? [...answerOnly, ...schema] : schema;
}

/** The canonical XML text of the payload (the client checks its characters and encodes it as UTF-8). */
export function encodePayload(op: OperationDescriptor, document: Record<string, unknown>): string {
  return encodeDocument(moduleOf(op), op.root, document);
}
