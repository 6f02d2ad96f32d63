/**
 * Every rule of the catalog, against the local simulator: the request that
 * breaks only that rule is refused by the client with the rule's id and path
 * (an error rule) or sent with the rule in `ruleWarnings` (a warning rule);
 * with the client's checks off, the simulator rejects it (or warns) with the
 * rule's id; the same request with the rule satisfied goes through both with
 * no finding. Then the rules only the server can check, with its state.
 */
import type { MmsClient } from '../../src/client/client.js';
import { MmsInputError, MmsValidationError } from '../../src/client/errors.js';
import type { MmsMessage, MmsResult } from '../../src/client/result.js';
import { RULES } from '../../src/rules/index.js';
import { STATEFUL_RULES } from '../../src/rules/stateful.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { ClientType } from '../../src/vocabulary.js';
import { simulatorClient } from '../simulator/helpers.js';
import { RULE_EXAMPLES, type RuleRequest } from './examples.js';

let sim: Simulator;
const clients = new Map<ClientType, MmsClient>();
const unchecked = new Map<ClientType, MmsClient>();

beforeAll(async () => {
  sim = await startSimulator();
  for (const type of ['bsp', 'mo', 'tso'] as const) {
    clients.set(type, await simulatorClient(sim, sim.credential({ clientType: type })));
    unchecked.set(
      type,
      await simulatorClient(sim, sim.credential({ clientType: type }), { validate: 'off' }),
    );
  }
});

afterAll(async () => {
  for (const c of [...clients.values(), ...unchecked.values()]) c.close();
  await sim?.stop();
});

function send(client: MmsClient, operation: string, request: RuleRequest): Promise<MmsResult<unknown>> {
  const call = client.request as (o: string, a: unknown, d: unknown) => Promise<MmsResult<unknown>>;
  return call.call(client, operation, request.attributes, request.data);
}

/** The simulator's messages about business rules (the code is an attribute, or leads the text where the schema has no Code). */
const RULE_CODES = ['SIM-E6001', 'SIM-W6001'];
const ruleMessages = (messages: readonly MmsMessage[]): MmsMessage[] =>
  messages.filter((m) => RULE_CODES.includes(m.code ?? /^\[([\w-]+)\]/.exec(m.text)?.[1] ?? ''));

test('every rule has an example for one of its operations, and every example a rule', () => {
  expect(RULES.length).toBeGreaterThanOrEqual(40);
  const ids = [...RULES, ...STATEFUL_RULES].map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(Object.keys(RULE_EXAMPLES).sort()).toEqual(RULES.map((r) => r.id).sort());
  for (const rule of RULES) {
    expect(rule.operations).toContain(RULE_EXAMPLES[rule.id]!.operation);
    expect(rule.source).toMatch(/^fields\.json \w+\.\w+/);
  }
});

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const example = RULE_EXAMPLES[id]!;

  test(`the request that breaks it is ${rule.severity === 'error' ? 'refused' : 'warned about'} by the client with its id and path`, async () => {
    const client = clients.get(example.clientType)!;
    if (rule.severity === 'error') {
      const error = await send(client, example.operation, example.fail).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MmsInputError);
      expect((error as MmsInputError).violations).toEqual([
        expect.objectContaining({ rule: id, path: example.path, severity: 'error' }),
      ]);
    } else {
      const result = await send(client, example.operation, example.fail);
      expect(result.ruleWarnings).toEqual([expect.objectContaining({ rule: id, path: example.path })]);
    }
  });

  test('the same request with the rule satisfied breaks no rule', async () => {
    const result = await send(clients.get(example.clientType)!, example.operation, example.pass);
    expect(result.ruleWarnings).toBeUndefined();
  });

  test(`with the client's checks off, the simulator ${rule.severity === 'error' ? 'rejects' : 'warns about'} it with the rule's id`, async () => {
    const client = unchecked.get(example.clientType)!;
    if (rule.severity === 'error') {
      const error = await send(client, example.operation, example.fail).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MmsValidationError);
      expect(ruleMessages((error as MmsValidationError).errors)).toEqual([
        expect.objectContaining({
          level: 'error',
          text: expect.stringContaining(`${example.path}: [${id}]`),
        }),
      ]);
    } else {
      const result = await send(client, example.operation, example.fail);
      expect(ruleMessages(result.messages)).toEqual([
        expect.objectContaining({
          level: 'warning',
          text: expect.stringContaining(`${example.path}: [${id}]`),
        }),
      ]);
    }
  });

  test("with the client's checks off, the simulator accepts the satisfied one", async () => {
    const result = await send(unchecked.get(example.clientType)!, example.operation, example.pass);
    expect(ruleMessages(result.messages)).toEqual([]);
  });
});
