/** The error of a call expected to fail, for the transport's end-to-end tests. */
import { MmsTransportError, type MmsError } from '../../src/errors.js';

/** The error `promise` rejects with; fails the test if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<MmsError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as MmsError,
  );
}

/** The call's error, checked to be an MmsTransportError. */
export async function transportFailure(promise: Promise<unknown>): Promise<MmsTransportError> {
  const err = await failure(promise);
  expect(err).toBeInstanceOf(MmsTransportError);
  return err as MmsTransportError;
}

/** What the error says about retry safety. */
export const said = (err: MmsTransportError): { code: string; requestSent: boolean; attempts: number } => ({
  code: err.code,
  requestSent: err.requestSent,
  attempts: err.attempts,
});
