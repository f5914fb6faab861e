import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@handover/domain';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { describeEventStoreContract } from './contract.test-suite';
import { type EventStore, StoreUnavailableError } from './event-store';
import { openRedisEventStore, type RedisEventStoreOptions } from './redis-event-store';
import { redisCall } from './test-support/redis-call';
import { type RedisServer, startRedisServer } from './test-support/redis-server';
import { appendRequest, sampleArrival, sampleHandedOver } from './test-support/sample-events';
import { waitFor } from './test-support/wait-for';

let shared: RedisServer;
beforeAll(async () => {
  shared = await startRedisServer();
});
afterAll(async () => {
  await shared?.stop();
});

/** Every test gets its own keys on the shared server, so tests never see each other's events. */
function isolatedKeys(): Pick<RedisEventStoreOptions, 'streamKey' | 'keyPrefix'> {
  const prefix = `test-${randomUUID()}:`;
  return { keyPrefix: prefix, streamKey: `${prefix}events` };
}

describeEventStoreContract('Redis store', async () => {
  const keys = isolatedKeys();
  const opened: EventStore[] = [];
  const openStore = async () => {
    const store = await openRedisEventStore({ url: shared.url, ...keys });
    opened.push(store);
    return store;
  };
  return {
    store: await openStore(),
    reopen: openStore,
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  };
});

async function openInTest(options: RedisEventStoreOptions): Promise<EventStore> {
  const store = await openRedisEventStore(options);
  onTestFinished(() => store.close());
  return store;
}

async function serverInTest(options: Parameters<typeof startRedisServer>[0] = {}): Promise<RedisServer> {
  const server = await startRedisServer(options);
  onTestFinished(() => server.stop());
  return server;
}

describe('Redis store: server settings', () => {
  it('refuses a Redis whose maxmemory-policy may evict keys, naming noeviction', async () => {
    const server = await serverInTest({ maxmemoryPolicy: 'allkeys-lru' });
    await expect(openRedisEventStore({ url: server.url })).rejects.toThrow(
      /maxmemory-policy is allkeys-lru; .* needs noeviction/,
    );
  });

  it('warns when Redis does not fsync every write', async () => {
    const warnings: string[] = [];
    await openInTest({ url: shared.url, ...isolatedKeys(), onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual([
      expect.stringMatching(/appendonly no and appendfsync \w+: acknowledged events/),
    ]);
  });

  it('fails to open with StoreUnavailableError when Redis is unreachable', async () => {
    const server = await startRedisServer();
    await server.stop();
    await expect(openRedisEventStore({ url: server.url })).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('Redis store: crashes and outages', () => {
  it('kill -9 with appendfsync always mid-ingest: every acknowledged event is there exactly once', async () => {
    const server = await serverInTest({ appendOnly: true });
    const store = await openInTest({ url: server.url });
    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const event = sampleArrival();
        try {
          const result = await store.append(appendRequest(event));
          if (result.outcome === 'appended') acknowledged.push(event.eventId);
        } catch (error) {
          failures.push(error);
          return;
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    await waitFor(() => acknowledged.length >= 500, { timeoutMs: 10_000, what: '500 acknowledged appends' });
    await server.kill9();
    killed = true;
    await Promise.all(writers);
    expect(failures.every((error) => error instanceof StoreUnavailableError)).toBe(true);

    await server.restart();
    await waitFor(() => store.ping().then(() => true), { what: 'the reconnection' });
    const stored = (await store.readAfter(null, 1_000_000)).map((record) => record.event.eventId);
    expect(new Set(stored).size).toBe(stored.length);
    const storedIds = new Set(stored);
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
  });

  it('while Redis is down, append and ping fail fast; after a restart the same store and subscription work again', async () => {
    const server = await serverInTest();
    const store = await openInTest({ url: server.url });
    const received: RecordedEvent[] = [];
    const unsubscribe = store.subscribe(null, (events) => {
      received.push(...events);
    });
    onTestFinished(unsubscribe);
    await store.append(appendRequest(sampleArrival()));
    await waitFor(() => received.length === 1, { what: 'the first event' });

    await server.kill9();
    const started = Date.now();
    await expect(store.append(appendRequest(sampleArrival()))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);

    await server.restart();
    const event = sampleArrival();
    await waitFor(async () => (await store.append(appendRequest(event))).outcome === 'appended', {
      what: 'an append after the restart',
    });
    await waitFor(() => received.some((record) => record.event.eventId === event.eventId), {
      what: 'the subscription to resume',
    });
  });
});

describe('Redis store: several server instances on one Redis', () => {
  it('versionOf sees an append made through another instance at once, before any subscription has', async () => {
    const keys = isolatedKeys();
    const first = await openInTest({ url: shared.url, ...keys });
    const second = await openInTest({ url: shared.url, ...keys });
    const handoverId = randomUUID();
    const arrived = await first.append(appendRequest(sampleArrival(handoverId)));
    expect(await second.versionOf(handoverId)).toBe(
      arrived.outcome === 'appended' && arrived.recorded.cursor,
    );
  });

  it("an event appended through one instance reaches the other's subscription", async () => {
    const keys = isolatedKeys();
    const first = await openInTest({ url: shared.url, ...keys });
    const second = await openInTest({ url: shared.url, ...keys });
    const received: RecordedEvent[] = [];
    const unsubscribe = second.subscribe(null, (events) => {
      received.push(...events);
    });
    onTestFinished(unsubscribe);
    const result = await first.append(appendRequest(sampleArrival()));
    await waitFor(() => received.length === 1, { what: 'delivery to the other instance' });
    expect(result).toEqual({ outcome: 'appended', recorded: received[0] });
  });

  it("an instance's subscriptions are handed its own appends as recorded, not decoded again; others' are decoded", async () => {
    const keys = isolatedKeys();
    const first = await openInTest({ url: shared.url, ...keys });
    const second = await openInTest({ url: shared.url, ...keys });
    // Appended before anyone subscribes, so that no read can race an append's reply.
    const appended: RecordedEvent[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await first.append(appendRequest(sampleArrival()));
      if (result.outcome === 'appended') appended.push(result.recorded);
    }
    const fromSecond = await second.append(appendRequest(sampleArrival()));
    const all = [...appended, ...(fromSecond.outcome === 'appended' ? [fromSecond.recorded] : [])];
    const onFirst: RecordedEvent[] = [];
    const alsoOnFirst: RecordedEvent[] = [];
    const onSecond: RecordedEvent[] = [];
    for (const [store, into] of [
      [first, onFirst],
      [first, alsoOnFirst],
      [second, onSecond],
    ] as const) {
      onTestFinished(store.subscribe(null, (events) => void into.push(...events)));
    }
    await waitFor(() => [onFirst, alsoOnFirst, onSecond].every((list) => list.length === all.length), {
      what: 'every subscription to see all 21 events',
    });
    for (const list of [onFirst, alsoOnFirst, onSecond]) expect(list).toEqual(all);
    // Each record appended is handed to exactly one of its store's subscriptions; the other decodes it.
    for (const [i, record] of appended.entries()) {
      expect([onFirst[i], alsoOnFirst[i]].filter((seen) => seen === record)).toHaveLength(1);
      expect(onSecond[i]).not.toBe(record);
    }
    expect(onSecond[20]).toBe(all[20]);
    expect(onFirst[20]).not.toBe(all[20]);
  });

  it('two instances appending with the same expectedVersion: exactly one appends, the other conflicts', async () => {
    const keys = isolatedKeys();
    const first = await openInTest({ url: shared.url, ...keys });
    const second = await openInTest({ url: shared.url, ...keys });
    for (let round = 0; round < 20; round += 1) {
      const handoverId = randomUUID();
      const arrived = await first.append(appendRequest(sampleArrival(handoverId)));
      const version = arrived.outcome === 'appended' ? arrived.recorded.cursor : null;
      const results = await Promise.all(
        [first, second].map((store) =>
          store.append(appendRequest(sampleHandedOver(handoverId), { expectedVersion: version })),
        ),
      );
      const winner = results.find((result) => result.outcome === 'appended');
      const loser = results.find((result) => result.outcome === 'conflict');
      expect(winner && loser).toBeTruthy();
      expect(loser).toEqual({
        outcome: 'conflict',
        currentVersion: winner?.outcome === 'appended' ? winner.recorded.cursor : 'missing',
      });
    }
  });
});

describe('Redis store: damaged stream entries', () => {
  const damaged = [
    { fields: ['r', '{"event":'], what: 'not JSON' },
    { fields: ['r', '{"event":{"type":"arrived"},"recordedAt":"x","actor":{}}'], what: 'not a record' },
    { fields: ['x', '{}'], what: 'no record field' },
  ];

  for (const { fields, what } of damaged) {
    it(`an entry that is ${what}: readAfter refuses it, the subscription reports it and goes on`, async () => {
      const keys = isolatedKeys();
      const streamKey = keys.streamKey ?? '';
      const store = await openInTest({ url: shared.url, ...keys });
      const before = await store.append(appendRequest(sampleArrival()));
      const badId = String(await redisCall(shared.url, 'XADD', streamKey, '*', ...fields));
      const after = await store.append(appendRequest(sampleArrival()));

      await expect(store.readAfter(null, 10)).rejects.toThrow(
        `Stream entry ${badId} of ${streamKey} is damaged`,
      );
      const received: RecordedEvent[] = [];
      const errors: Error[] = [];
      const unsubscribe = store.subscribe(
        null,
        (events) => {
          received.push(...events);
        },
        (error) => errors.push(error),
      );
      onTestFinished(unsubscribe);
      await waitFor(() => received.length === 2, { what: 'the intact events' });
      expect(received).toEqual([before, after].map((result) => 'recorded' in result && result.recorded));
      expect(errors.map((error) => error.message)).toEqual([
        expect.stringContaining(`Skipped stream entry ${badId} of ${streamKey}`),
      ]);
    });
  }
});
