/**
 * The gateway's OpenAPI 3.1 document, built from the operation catalog and
 * the descriptors when the gateway starts: one path per operation with its
 * request and result schemas (facets included), the problem shape of every
 * error, and the security schemes. The same request schemas validate bodies
 * before anything else runs (see request-validator.ts).
 */
import { operations } from '../../generated/index.js';
import type { ComplexTypeDescriptor, OperationDescriptor, ParticleDescriptor } from '../xml/descriptors.js';
import { resolveType } from '../xml/schema-index.js';
import { SchemaSet, moduleOf, ref, type JsonSchema } from './json-schema.js';
import { PROBLEM_STATUSES } from './problem.js';

export const OPENAPI_VERSION = '3.1.0';

/** Every operation of the catalog, sorted by id. */
export function catalogOperations(): OperationDescriptor[] {
  return (Object.values(operations) as OperationDescriptor[]).sort((a, b) => a.id.localeCompare(b.id));
}

/** The operation's envelope attributes a caller gives: all but those the client fills in, plus companions. */
function envelopeSchema(set: SchemaSet, op: OperationDescriptor): JsonSchema {
  const module = moduleOf(op.module);
  const carrier = resolveType(module, op.envelopeType ?? op.rootType) as ComplexTypeDescriptor;
  const companions = new Set(op.companions ?? []);
  const pick = (particles: readonly ParticleDescriptor[]): ParticleDescriptor[] =>
    particles.flatMap((p) =>
      p.kind === 'element' ? (companions.has(p.name) ? [p] : []) : pick(p.particles),
    );
  const synthetic: ComplexTypeDescriptor = {
    kind: 'complex',
    name: `${op.id}.attributes`,
    attributes: carrier.attributes,
    ...(companions.size > 0 && carrier.content
      ? { content: { kind: 'sequence', min: 1, max: 1, particles: pick(carrier.content.particles) } }
      : {}),
  };
  return set.complexSchema(module, synthetic, 'in', new Set(op.identity));
}

function dataSchema(set: SchemaSet, op: OperationDescriptor): JsonSchema {
  const item = set.typeRef(moduleOf(op.module), op.dataType, 'in');
  return op.many ? { type: 'array', items: item, minItems: 1 } : item;
}

/** Where the decoded data of an answer comes from: the result element, or a whole outbound document. */
function resultDataSchema(set: SchemaSet, op: OperationDescriptor): JsonSchema {
  const { document, rootType, type, many } = op.result;
  const item =
    document && rootType
      ? set.typeRef(moduleOf(document), rootType, 'out')
      : set.typeRef(moduleOf(op.module), type, 'out');
  return many ? { type: 'array', items: item } : { anyOf: [item, { type: 'null' }] };
}

/** The body of `POST /v1/{participant}/{operationId}`. */
export function requestSchema(set: SchemaSet, op: OperationDescriptor): JsonSchema {
  const attributes = envelopeSchema(set, op);
  return {
    type: 'object',
    required: attributes['required'] ? ['attributes', 'data'] : ['data'],
    additionalProperties: false,
    properties: {
      attributes,
      data: dataSchema(set, op),
      options: ref('CallOptions'),
    },
  };
}

function resultSchema(set: SchemaSet, op: OperationDescriptor): JsonSchema {
  return {
    type: 'object',
    required: ['messages', 'responseProblems', 'warnings'],
    properties: {
      data: resultDataSchema(set, op),
      messages: { type: 'array', items: ref('Message') },
      statistics: { anyOf: [ref('ProcessingStatistics'), { type: 'null' }] },
      responseProblems: { type: 'array', items: ref('Violation') },
      warnings: { type: 'boolean' },
      transactionId: { type: 'string', description: 'ProcessingStatistics/@TransactionId of the answer' },
      file: ref('File'),
      attachments: { type: 'array', items: ref('Attachment') },
      callId: { type: 'string', description: 'The journal id of this call (`mms journal show ID`).' },
    },
  };
}

const SHARED: Record<string, JsonSchema> = {
  CallOptions: {
    type: 'object',
    additionalProperties: false,
    properties: {
      timeoutMs: {
        type: 'integer',
        minimum: 1,
        maximum: 3_600_000,
        examples: [60_000],
        description: 'Deadline of the call in milliseconds, retries included.',
      },
    },
  },
  Message: {
    type: 'object',
    required: ['level', 'text', 'path'],
    properties: {
      level: { enum: ['error', 'warning', 'information'] },
      code: { type: 'string' },
      text: { type: 'string' },
      path: { type: 'string' },
      item: { type: 'integer' },
    },
  },
  Violation: {
    type: 'object',
    required: ['path', 'message'],
    properties: {
      path: { type: 'string' },
      message: { type: 'string' },
      rule: { type: 'string' },
      value: { type: 'string' },
    },
  },
  ProcessingStatistics: {
    type: 'object',
    properties: Object.fromEntries([
      ...['Received', 'Valid', 'Invalid', 'Successful', 'Unsuccessful', 'ProcessingTimeMs', 'TimeInMs'].map(
        (k) => [k, { type: 'integer' }],
      ),
      ...['TransactionId', 'TimeStamp', 'XmlTimeStamp'].map((k) => [k, { type: 'string' }]),
    ]),
  },
  File: {
    type: 'object',
    properties: {
      filename: { type: 'string' },
      dataType: { type: 'string' },
      base64: { type: 'string', contentEncoding: 'base64' },
    },
  },
  Attachment: {
    type: 'object',
    properties: { name: { type: 'string' }, signature: { type: 'string' }, base64: { type: 'string' } },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; `code` is the MmsError code.',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      code: { type: 'string' },
      outcome: { enum: ['not-sent', 'rejected', 'unknown', 'failed'] },
      violations: { type: 'array', items: ref('Violation') },
      messages: { type: 'array', items: ref('Message') },
      callId: { type: 'string' },
    },
  },
};

function problemResponse(description: string): JsonSchema {
  return { description, content: { 'application/problem+json': { schema: ref('Problem') } } };
}

function operationPath(set: SchemaSet, op: OperationDescriptor): JsonSchema {
  const submit = op.kind === 'submit';
  return {
    post: {
      operationId: op.id,
      summary: `${op.name} (${op.interface}, ${op.kind}; open to ${op.audience.join(', ')})`,
      tags: [op.module],
      parameters: [
        {
          name: 'participant',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^[A-Z][0-9]{3}$' },
        },
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: submit
            ? 'Required for submissions (unless the gateway is configured otherwise): a repeat with the same key returns the recorded result and never reaches the MMS again.'
            : 'Optional for queries.',
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: ref(`request.${op.id}`) } } },
      responses: {
        '200': {
          description: 'The MMS accepted the call',
          content: { 'application/json': { schema: ref(`result.${op.id}`) } },
        },
        ...Object.fromEntries(
          Object.entries(PROBLEM_STATUSES).map(([status, text]) => [status, problemResponse(text)]),
        ),
      },
    },
  };
}

/** Builds the whole document (a few hundred kilobytes; the gateway builds it once). */
export function openApiDocument(options: { title?: string; version?: string } = {}): JsonSchema & {
  components: { schemas: Record<string, JsonSchema>; securitySchemes: JsonSchema };
} {
  const set = new SchemaSet();
  const paths: Record<string, JsonSchema> = {};
  for (const op of catalogOperations()) {
    set.components[`request.${op.id}`] = requestSchema(set, op);
    set.components[`result.${op.id}`] = resultSchema(set, op);
    paths[`/v1/{participant}/${op.id}`] = operationPath(set, op);
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: options.title ?? 'MMS gateway',
      version: options.version ?? '1',
      description:
        'The MMS (EPRX balancing market) as JSON over HTTP: one POST per operation of the catalog. Dates and times are JST wall-clock values without an offset.',
    },
    paths,
    components: {
      schemas: { ...SHARED, ...set.components },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
  };
}
