import type { HandoverEvent } from '@handover/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { arrivedEvent, clearedEvent, T0 } from '../../../test-support/handover-fixtures';
import { OUTBOX_STORAGE_KEY, Outbox, type OutboxStorage } from './outbox';
import { classifySend, type SendOutcome } from './send-outcome';

/** A server stand-in: answers each send from a script, and records every event it was sent. */
function fakeServer(script: SendOutcome[] = []) {
  const received: HandoverEvent[] = [];
  const send = vi.fn(async (event: HandoverEvent): Promise<SendOutcome> => {
    received.push(event);
    return script.shift() ?? { kind: 'delivered' };
  });
  return { send, received };
}

function memoryStorage(): OutboxStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value);
    },
  };
}

const offline: SendOutcome = { kind: 'retry', problem: 'No connection to the server', retryAfterMs: null };

describe('outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores an event before sending it, then removes it once the server has it', async () => {
    const storage = memoryStorage();
    let storedWhenSent: string | undefined;
    const outbox = new Outbox({
      storage,
      send: async () => {
        storedWhenSent = storage.getItem(OUTBOX_STORAGE_KEY) ?? undefined;
        return { kind: 'delivered' };
      },
    });
    const event = arrivedEvent('a', T0);
    outbox.enqueue(event);
    await outbox.flush();
    expect(storedWhenSent).toContain(event.eventId);
    expect(outbox.getSnapshot().pending).toEqual([]);
    expect(storage.getItem(OUTBOX_STORAGE_KEY)).not.toContain(event.eventId);
  });

  it('sends each event once, in the order recorded', async () => {
    const server = fakeServer();
    const outbox = new Outbox({ storage: memoryStorage(), send: server.send });
    const events = [arrivedEvent('a', T0), arrivedEvent('b', T0), clearedEvent('a', T0)];
    for (const event of events) outbox.enqueue(event);
    await outbox.flush();
    await outbox.flush();
    expect(server.received.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('keeps events through a dropped connection and retries with the same eventId and backoff', async () => {
    const server = fakeServer([offline, offline]);
    const outbox = new Outbox({ storage: memoryStorage(), send: server.send, random: () => 1 });
    const event = arrivedEvent('a', T0);
    outbox.enqueue(event);
    await outbox.flush();
    expect(outbox.getSnapshot().pending).toHaveLength(1);
    expect(outbox.getSnapshot().pending[0]?.lastProblem).toBe('No connection to the server');
    expect(outbox.getSnapshot().nextAttemptAt).toBe(T0 + 1_000);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.send).toHaveBeenCalledTimes(2);
    expect(outbox.getSnapshot().nextAttemptAt).toBe(T0 + 1_000 + 2_000);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(server.send).toHaveBeenCalledTimes(3);
    expect(outbox.getSnapshot().pending).toEqual([]);
    // Every attempt was the very same event: the server's eventId idempotency makes it count once.
    for (const sent of server.received) expect(sent).toEqual(event);
  });

  it('holds later events behind one that cannot be sent yet, so an arrival goes before its handover', async () => {
    const server = fakeServer([offline]);
    const outbox = new Outbox({ storage: memoryStorage(), send: server.send, random: () => 0 });
    const arrival = arrivedEvent('a', T0);
    const clear = clearedEvent('a', T0);
    outbox.enqueue(arrival);
    outbox.enqueue(clear);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.received.map((e) => e.eventId)).toEqual([arrival.eventId]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.received.map((e) => e.eventId)).toEqual([arrival.eventId, arrival.eventId, clear.eventId]);
  });

  it('survives a reload: a new outbox on the same storage sends what the old one had not', async () => {
    const storage = memoryStorage();
    const before = new Outbox({ storage, send: fakeServer([offline]).send });
    const event = arrivedEvent('a', T0);
    before.enqueue(event);
    await before.flush();
    before.dispose();

    const server = fakeServer();
    const after = new Outbox({ storage, send: server.send });
    expect(after.getSnapshot().pending.map((item) => item.event)).toEqual([event]);
    await after.flush();
    expect(server.received).toEqual([event]);
    expect(after.getSnapshot().pending).toEqual([]);
  });

  it('moves an event the server refuses to a visible list with its message, and carries on', async () => {
    const server = fakeServer([
      { kind: 'refused', code: 'ALREADY_CLEARED', message: 'The crew has already cleared' },
    ]);
    const outbox = new Outbox({ storage: memoryStorage(), send: server.send });
    const refused = clearedEvent('a', T0);
    const next = arrivedEvent('b', T0);
    outbox.enqueue(refused);
    outbox.enqueue(next);
    await outbox.flush();
    const { pending, refused: list } = outbox.getSnapshot();
    expect(pending).toEqual([]);
    expect(list).toEqual([
      { event: refused, refusedAt: T0, code: 'ALREADY_CLEARED', message: 'The crew has already cleared' },
    ]);
    expect(server.received).toEqual([refused, next]);
    outbox.dismissRefused(refused.eventId);
    expect(outbox.getSnapshot().refused).toEqual([]);
  });

  it('waits for a new sign-in when the credential is refused, losing nothing', async () => {
    const server = fakeServer([{ kind: 'unauthorised', message: 'The credential is not valid' }]);
    const outbox = new Outbox({ storage: memoryStorage(), send: server.send });
    outbox.enqueue(arrivedEvent('a', T0));
    await outbox.flush();
    expect(outbox.getSnapshot().needsSignIn).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.send).toHaveBeenCalledTimes(1);
    await outbox.flush();
    expect(outbox.getSnapshot()).toMatchObject({ pending: [], needsSignIn: false });
  });

  it('uses the server’s Retry-After when it gives one', async () => {
    const server = fakeServer([{ kind: 'retry', problem: 'Too many requests', retryAfterMs: 7_000 }]);
    const outbox = new Outbox({ storage: memoryStorage(), send: server.send });
    outbox.enqueue(arrivedEvent('a', T0));
    await outbox.flush();
    expect(outbox.getSnapshot().nextAttemptAt).toBe(T0 + 7_000);
  });

  it('treats a send that throws as a network failure', async () => {
    const outbox = new Outbox({
      storage: memoryStorage(),
      send: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    outbox.enqueue(arrivedEvent('a', T0));
    await outbox.flush();
    expect(outbox.getSnapshot().pending[0]).toMatchObject({ attempts: 1, lastProblem: 'Failed to fetch' });
  });

  it('does not lose an event recorded just as a sending round ends', async () => {
    const server = fakeServer();
    const outbox = new Outbox({ storage: memoryStorage(), send: server.send });
    void outbox.flush(); // nothing to send: this round ends on the next microtask
    outbox.enqueue(arrivedEvent('a', T0));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.received).toHaveLength(1);
    expect(outbox.getSnapshot().pending).toEqual([]);
  });

  it('ignores damaged storage rather than failing to start', () => {
    const storage = memoryStorage();
    storage.setItem(OUTBOX_STORAGE_KEY, '{not json');
    expect(new Outbox({ storage, send: fakeServer().send }).getSnapshot().pending).toEqual([]);
  });
});

describe('classifySend', () => {
  const error = (status: number, code = 'X') => ({
    ok: false as const,
    kind: 'http' as const,
    status,
    error: { code: code as 'INVALID_FIELD', message: `m${status}` },
    retryAfterMs: null,
  });

  it('counts accepted and duplicate as delivered', () => {
    expect(classifySend({ ok: true, status: 201, body: {} })).toEqual({ kind: 'delivered' });
    expect(classifySend({ ok: true, status: 200, body: {} })).toEqual({ kind: 'delivered' });
  });

  it('retries network failures, 5xx, 429 and 408', () => {
    expect(classifySend({ ok: false, kind: 'network', message: 'x' }).kind).toBe('retry');
    for (const status of [500, 503, 429, 408]) expect(classifySend(error(status)).kind).toBe('retry');
  });

  it('refuses other 4xx with the server’s code and message, and asks for sign-in on 401', () => {
    expect(classifySend(error(409, 'ALREADY_CLEARED'))).toEqual({
      kind: 'refused',
      code: 'ALREADY_CLEARED',
      message: 'm409',
    });
    expect(classifySend(error(422)).kind).toBe('refused');
    expect(classifySend(error(403)).kind).toBe('refused');
    expect(classifySend(error(401)).kind).toBe('unauthorised');
  });
});
