/**
 * Request bodies are checked against the very schemas the OpenAPI document
 * publishes (Ajv, JSON Schema 2020-12) before authentication of the
 * idempotency key, journaling or the MMS: a body that breaks them is a 400
 * naming each field path and rule. The client's own validator runs after,
 * on the XML-shaped document, as for any caller.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from './json-schema.js';

/** One broken rule of a request body: where, which JSON Schema keyword, in words. */
export interface BodyViolation {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

const DOCUMENT_ID = 'mms-gateway-openapi';
const MAX_REPORTED = 50;

export class RequestValidator {
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: { components: { schemas: Record<string, JsonSchema> } }) {
    this.#ajv = new Ajv2020({
      allErrors: true,
      strict: false,
      // Decimal steps such as 0.01 are checked on the decimal digits, not on binary floats.
      multipleOfPrecision: 9,
      unicodeRegExp: true,
    });
    this.#ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  }

  /** Compiles one operation's body schema (on first use: most gateways use a few operations). */
  #validator(operation: string): ValidateFunction {
    let validate = this.#compiled.get(operation);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/request.${operation}` });
      this.#compiled.set(operation, validate);
    }
    return validate;
  }

  /** The violations of a body, empty when it is valid. */
  check(operation: string, body: unknown): BodyViolation[] {
    const validate = this.#validator(operation);
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, MAX_REPORTED).map(violationOf);
  }
}

function violationOf(e: ErrorObject): BodyViolation {
  const path =
    e.instancePath === ''
      ? '(body)'
      : e.instancePath
          .slice(1)
          .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
          .replace(/\//g, '.');
  const extra =
    e.keyword === 'additionalProperties'
      ? ` ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`
      : '';
  return { path, rule: e.keyword, message: `${e.message ?? e.keyword}${extra}` };
}
