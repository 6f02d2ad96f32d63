/** The simulator's own error: a configuration or start-up problem, never an MMS answer. */
import { MmsError, type MmsErrorOptions } from '../errors.js';

/** The simulator cannot start or was configured wrongly; the message says what to change. */
export class SimulatorError extends MmsError {
  declare readonly code: 'SIMULATOR';

  constructor(message: string, options?: MmsErrorOptions) {
    super('SIMULATOR', message, options);
  }
}
