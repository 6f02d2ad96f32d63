/** Why a schema comparison could not be made (unreadable input, unknown release, missing module). */
export class SchemaDiffError extends Error {
  override readonly name = 'SchemaDiffError';
}
