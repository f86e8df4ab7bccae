import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Target } from '@/lib/kpi/targets';
import {
  ERROR_CODES,
  PROTOCOL,
  logOnce,
  parseRequest,
  replySchemaOf,
  requestSchema,
  responseSchema,
  sendRequest,
  type ErrorReply,
  type ReplyOf,
  type RequestType,
  type Response,
} from '@/lib/messages';
import { reading, row } from './store/make';

const TYPES = Object.keys(PROTOCOL) as RequestType[];

/** The literal a schema's `type` field accepts (zod mini keeps it in the shape's definition). */
function literalOf(schema: unknown): unknown[] {
  return (schema as { def: { shape: { type: { def: { values: unknown[] } } } } }).def.shape.type.def.values;
}

describe('the protocol map', () => {
  it('ties every request type to a reply of the same type', () => {
    expect(TYPES.length).toBeGreaterThanOrEqual(8);
    for (const type of TYPES) {
      expect(literalOf(PROTOCOL[type].request), type).toEqual([type]);
      expect(literalOf(PROTOCOL[type].reply), type).toEqual([type]);
    }
  });

  it('a reply parses only as the reply of its own type (or the error reply)', () => {
    const targets = { ok: true, type: 'targets:list', targets: [] };
    expect(replySchemaOf('targets:list').safeParse(targets).success).toBe(true);
    expect(replySchemaOf('ping').safeParse(targets).success).toBe(false);
    expect(replySchemaOf('status:get').safeParse({ ok: true, type: 'status:get' }).success).toBe(false);
    const error = { ok: false, code: 'failed', error: 'disk full' };
    for (const type of TYPES) expect(replySchemaOf(type).safeParse(error).success, type).toBe(true);
    // An error without a known code is not an error reply.
    expect(replySchemaOf('ping').safeParse({ ok: false, error: 'x' }).success).toBe(false);
    expect(replySchemaOf('ping').safeParse({ ok: false, code: 'oops', error: 'x' }).success).toBe(false);
    expect(responseSchema.safeParse(targets).success).toBe(true);
    expect(responseSchema.safeParse(error).success).toBe(true);
  });

  it('infers a sender’s reply type from what it sends', () => {
    expectTypeOf<ReplyOf<'targets:list'>['targets']>().toEqualTypeOf<Target[]>();
    expectTypeOf<ReplyOf<'account-currency:set'>>().toEqualTypeOf<{
      ok: true;
      type: 'account-currency:set';
      currency: string;
    }>();
    const transport = async () => ({ ok: true, type: 'targets:list', targets: [] });
    expectTypeOf(sendRequest({ type: 'targets:list' }, { transport })).resolves.toEqualTypeOf<
      Response<'targets:list'>
    >();
    expectTypeOf<Response<'ping'>>().toEqualTypeOf<{ ok: true; type: 'ping' } | ErrorReply>();
    expectTypeOf<ErrorReply['code']>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
  });
});

describe('parseRequest (the worker’s side)', () => {
  it('a known, well-formed request', () => {
    expect(parseRequest({ type: 'ping' })).toEqual({ ok: true, request: { type: 'ping' } });
    const submit = { type: 'snapshot:submit', readingId: 'r', reading: reading([row('1', { spend: 5 })]) };
    expect(parseRequest(submit)).toEqual({ ok: true, request: submit });
    // The same result as the one schema of every request (the bench parses with it).
    expect(requestSchema.parse(submit)).toEqual(submit);
  });

  it('an unknown type gets its own code, also for names an object inherits', () => {
    for (const type of ['delete-everything', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(parseRequest({ type })).toEqual({
        ok: false,
        code: 'unknown-message',
        error: `Rejected message: unknown message type "${type}".`,
      });
    // A very long type is cut in the message.
    const long = parseRequest({ type: 'x'.repeat(5000) });
    expect(long).toMatchObject({ ok: false, code: 'unknown-message' });
    expect((long as ErrorReply).error.length).toBeLessThan(120);
  });

  it('a malformed message (no type, not an object, a known type with a bad payload) names what is wrong', () => {
    for (const raw of [null, undefined, 42, 'ping', [], {}, { type: 7 }])
      expect(parseRequest(raw), JSON.stringify(raw)).toEqual({
        ok: false,
        code: 'invalid-message',
        error: 'Rejected message: invalid payload at type: expected a message type.',
      });
    expect(parseRequest({ type: 'snapshot:submit', readingId: 'r', reading: 42 })).toMatchObject({
      ok: false,
      code: 'invalid-message',
      error: expect.stringMatching(/^Rejected message: invalid payload at reading: /),
    });
    expect(
      parseRequest({ type: 'account-currency:set', platform: 'meta', accountId: '1', currency: 'usd' }),
    ).toMatchObject({ code: 'invalid-message', error: expect.stringMatching(/at currency: .*ISO 4217/) });
  });
});

describe('sendRequest (the sender’s side)', () => {
  it('parses the reply on arrival and returns it typed (unknown fields dropped)', async () => {
    const transport = vi.fn(async () => ({
      ok: true,
      type: 'account-currency:set',
      currency: 'CAD',
      extra: 1,
    }));
    const reply = await sendRequest(
      { type: 'account-currency:set', platform: 'meta', accountId: '1', currency: 'CAD' },
      { transport },
    );
    expect(transport).toHaveBeenCalledWith({
      type: 'account-currency:set',
      platform: 'meta',
      accountId: '1',
      currency: 'CAD',
    });
    expect(reply).toEqual({ ok: true, type: 'account-currency:set', currency: 'CAD' });
  });

  it('passes an error reply through as it is', async () => {
    const error = { ok: false, code: 'rejected', error: 'Rejected message: unexpected sender.' };
    expect(await sendRequest({ type: 'ping' }, { transport: async () => error })).toEqual(error);
  });

  it('a reply that does not parse as its type’s is a typed invalid-reply error, logged once', async () => {
    const warn = vi.fn();
    const wrong = async () => ({ ok: true, type: 'ping' });
    const first = await sendRequest({ type: 'targets:list' }, { transport: wrong, warn });
    expect(first).toEqual({
      ok: false,
      code: 'invalid-reply',
      error: expect.stringMatching(/^KPI Lens got an unexpected reply to targets:list: /),
    });
    await sendRequest({ type: 'targets:list' }, { transport: wrong, warn });
    expect(warn).toHaveBeenCalledTimes(1);
    await sendRequest({ type: 'status:get' }, { transport: async () => 'junk', warn });
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('no answer at all, or a failed send, throws (the caller retries)', async () => {
    await expect(sendRequest({ type: 'ping' }, { transport: async () => undefined })).rejects.toThrow(
      /No answer to ping/,
    );
    const down = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await expect(sendRequest({ type: 'ping' }, { transport: down })).rejects.toThrow(/Receiving end/);
  });
});

describe('logOnce', () => {
  it('logs each text once per logger', () => {
    const a = vi.fn();
    const b = vi.fn();
    logOnce(a, 'x');
    logOnce(a, 'x');
    logOnce(a, 'y');
    logOnce(b, 'x');
    expect(a.mock.calls).toEqual([['x'], ['y']]);
    expect(b.mock.calls).toEqual([['x']]);
  });
});
