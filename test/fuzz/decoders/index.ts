/** Every decoder the fuzzers cover, in the order they run. */
import type { DecoderDefinition } from '../harness.js';
import { cliDecoder } from './cli.js';
import { mtomDecoder } from './mtom.js';
import { payloadDecoder } from './payload.js';
import { reportDecoder } from './report.js';
import { soapDecoder } from './soap.js';

export const DECODERS: readonly DecoderDefinition[] = [
  mtomDecoder,
  soapDecoder,
  payloadDecoder,
  reportDecoder,
  cliDecoder,
];

export function decoderNamed(name: string): DecoderDefinition {
  const found = DECODERS.find((d) => d.name === name);
  if (!found) throw new Error(`no decoder ${name} (decoders: ${DECODERS.map((d) => d.name).join(', ')})`);
  return found;
}
