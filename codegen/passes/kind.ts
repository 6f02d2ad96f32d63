/**
 * Pass: what the client needs to know to send each operation safely.
 *
 * `kind`, by one rule: an operation is a `query` when it only reads, that is
 * its envelope is a `…Query` envelope (MarketQuery, RegistrationQuery) or,
 * for report requests, it lists or downloads (`ReportList…`,
 * `ReportDownload…`). Everything else is a `submit`: submissions, cancels,
 * approvals and report creation change state on the server, so they are not
 * retried once the request may have arrived (MMS-PROTOCOL.md §9). An
 * envelope a future release adds is a `submit` until this rule says
 * otherwise, which errs on the side of never sending twice.
 *
 * `identity`: the attributes of the envelope (or, for reports, the root)
 * that the client fills in itself, in schema order.
 */
import type { IdentityAttribute, OperationKind } from '../../src/xml/descriptors.js';
import type { OperationModel, SchemaModel } from '../model/model.js';

const IDENTITY_ATTRIBUTES: readonly IdentityAttribute[] = ['ParticipantName', 'UserName', 'ApplicationType'];

const READING_REPORT_REQUEST = /^Report(List|Download)/;

export function operationKind(op: Pick<OperationModel, 'envelope' | 'element'>): OperationKind {
  if (op.envelope !== undefined) return op.envelope.endsWith('Query') ? 'query' : 'submit';
  return READING_REPORT_REQUEST.test(op.element) ? 'query' : 'submit';
}

export function identityAttributes(model: SchemaModel, op: OperationModel): IdentityAttribute[] {
  const carrier = model.types.get(op.envelopeType ?? model.elements.get(op.root)?.type ?? '');
  if (carrier?.kind !== 'complex') throw new Error(`${model.file}: ${op.id} has no envelope or root type`);
  return carrier.attributes.flatMap((a) =>
    'name' in a && (IDENTITY_ATTRIBUTES as readonly string[]).includes(a.name)
      ? [a.name as IdentityAttribute]
      : [],
  );
}

export function classifyOperations(model: SchemaModel): void {
  for (const op of model.operations) {
    op.kind = operationKind(op);
    op.identity = identityAttributes(model, op);
  }
}
