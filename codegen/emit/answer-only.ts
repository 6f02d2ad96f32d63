/** overlays/answer-only.ts → `answer-only.ts`: the members no request carries, for the types and the client. */
import { ANSWER_ONLY_EVERYWHERE } from '../overlays/answer-only.js';
import { quote } from './names.js';

export function emitAnswerOnly(header: string): string {
  const names = ANSWER_ONLY_EVERYWHERE.map((m) => m.name);
  return (
    `${header}` +
    `/**\n` +
    ` * Members only the MMS writes, in its answers, wherever they appear: request\n` +
    ` * types leave them out and the client refuses them in a request. Members\n` +
    ` * answer-only in one data type are in its operation's \`answerOnly\`.\n` +
    ` */\n` +
    `export const ANSWER_ONLY_MEMBERS = [${names.map(quote).join(', ')}] as const;\n\n` +
    `export type AnswerOnlyMember = (typeof ANSWER_ONLY_MEMBERS)[number];\n`
  );
}
