/**
 * `mms-client/simulator`: a local MMS for development and tests (mutual-TLS
 * HTTPS on 127.0.0.1, the MI and OMI services, fault injection). Its own entry
 * so that importing the client never loads it.
 */
export {
  startSimulator,
  SimulatorError,
  DEFAULT_PARTICIPANTS,
  type Simulator,
  type SimulatorOptions,
  type ParticipantConfig,
  type IssuedCredential,
  type FaultRule,
  type FaultKind,
  type FaultMatch,
} from '../simulator/index.js';
