/**
 * OpenTelemetry with the real SDK installed (sdk-trace-base, the
 * AsyncLocalStorage context manager, the W3C propagator): a call through
 * the gateway continues the caller's trace (traceparent), with a gateway
 * span, the client's `mms.call` span and one `mms.attempt` span per HTTP
 * attempt, carrying the operation, interface, attempt, outcome and
 * transaction id, and nothing else: no payload, token or passphrase. The
 * journal keeps the trace id.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import { offer, post, setup, TOKENS, type Setup } from './helpers.js';

const exporter = new InMemorySpanExporter();
let env: Setup;
let gateway: Gateway;

beforeAll(async () => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  env = await setup();
  gateway = await startGateway({ config: env.config, baseDir: env.dir, env: env.env });
});

afterAll(async () => {
  await gateway?.close();
  await env?.cleanup();
  trace.disable();
  context.disable();
  propagation.disable();
});

test("a call continues the caller's trace: gateway span, call span, attempt span, no secrets", async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const answer = await post(gateway.url, 'F100', 'MarketSubmit_OfferData', offer(12), {
    authorization: `Bearer ${TOKENS.admin}`,
    'idempotency-key': 'traced',
    traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
  });
  expect(answer.status).toBe(200);
  const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const byName = (name: string) => spans.filter((s) => s.name === name);
  expect(spans.map((s) => s.name).sort()).toEqual(['mms.attempt', 'mms.call', 'mms.gateway.call']);
  const [server] = byName('mms.gateway.call');
  const [call] = byName('mms.call');
  const [attempt] = byName('mms.attempt');
  expect(server!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  expect(call!.parentSpanContext?.spanId).toBe(server!.spanContext().spanId);
  expect(attempt!.parentSpanContext?.spanId).toBe(call!.spanContext().spanId);
  expect(call!.attributes).toEqual({
    'mms.operation': 'MarketSubmit_OfferData',
    'mms.interface': 'MI',
    'mms.kind': 'submit',
    'mms.outcome': 'ok',
    'mms.transaction_id': answer.body['transactionId'],
  });
  expect(attempt!.attributes).toEqual({
    'mms.operation': 'MarketSubmit_OfferData',
    'mms.interface': 'MI',
    'mms.kind': 'submit',
    'mms.attempt': 1,
    'http.response.status_code': 200,
    'mms.outcome': 'answered',
    'mms.transaction_id': answer.body['transactionId'],
  });
  const text = JSON.stringify(
    spans.map((s) => ({ attributes: s.attributes, events: s.events, name: s.name })),
  );
  for (const secret of [TOKENS.admin, env.env['MMS_TEST_P12_PASSPHRASE']!, 'SIMRES01', 'OfferStack'])
    expect(text).not.toContain(secret);
  expect((await gateway.journal.get(String(answer.body['callId'])))?.traceId).toBe(traceId);
});

test('a failed attempt ends its span with the error code', async () => {
  exporter.reset();
  env.sim.setFaults([{ kind: 'status', status: 503, times: 1, operation: 'MarketQuery_OfferQuery' }]);
  const answer = await post(gateway.url, 'F100', 'MarketQuery_OfferQuery', {
    attributes: { Date: '2026-12-10' },
    data: { MarketType: 'DAM' },
  });
  expect(answer.status).toBe(200);
  const attempts = exporter.getFinishedSpans().filter((s) => s.name === 'mms.attempt');
  expect(attempts.map((s) => [s.attributes['mms.attempt'], s.attributes['mms.outcome']])).toEqual([
    [1, 'error'],
    [2, 'answered'],
  ]);
});
