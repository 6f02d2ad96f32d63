/** A schema or WSDL file the readers cannot turn into a model; the message names the file and line. */
export class SchemaReadError extends Error {
  override readonly name = 'SchemaReadError';
}
