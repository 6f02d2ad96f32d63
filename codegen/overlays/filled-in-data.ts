/**
 * Hand-kept overlay: the data-item members a BSP's client fills in from its
 * own identity where the caller leaves them out (the reference client, mms-client
 * for Python 1.12.3, does so in `put_resource` and `query_resources`; see
 * src/client/conveniences.ts, `participantInResources`). Their input type
 * is optional; the schema's requiredness is checked after the client has
 * filled them in.
 */
export const FILLED_IN_DATA: Readonly<Record<string, readonly 'ParticipantName'[]>> = {
  RegistrationSubmit_Resource: ['ParticipantName'],
  RegistrationQuery_Resource: ['ParticipantName'],
};
