import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareCursors, type HandoverEvent, type RecordedEvent } from '@handover/domain';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type EventStore, StoreUnavailableError } from './event-store';
import { appendRequest, sampleActor, sampleArrival, sampleHandedOver } from './test-support/sample-events';
import { waitFor } from './test-support/wait-for';

export interface OpenedStore {
  store: EventStore;
  /** Opens the same data again (after the test closed `store`). */
  reopen: () => Promise<EventStore>;
  /** Closes whatever is still open and deletes the data. */
  cleanup: () => Promise<void>;
}

/** Time for a wrongly delivered extra event to show up before asserting there is none. */
const SETTLE_MS = 150;

/** The behaviour every EventStore must have; each implementation's test file runs it. */
export function describeEventStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  async function openFresh(): Promise<OpenedStore> {
    const opened = await open();
    onTestFinished(() => opened.cleanup());
    return opened;
  }

  async function appendOk(store: EventStore, event: HandoverEvent = sampleArrival()): Promise<RecordedEvent> {
    const result = await store.append(appendRequest(event));
    if (result.outcome !== 'appended') throw new Error(`expected appended, got ${result.outcome}`);
    return result.recorded;
  }

  async function appendMany(store: EventStore, count: number): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    for (let index = 0; index < count; index += 1) recorded.push(await appendOk(store));
    return recorded;
  }

  function eventIds(records: readonly RecordedEvent[]): string[] {
    return records.map((record) => record.event.eventId);
  }

  function collect(store: EventStore, after: string | null) {
    const received: RecordedEvent[] = [];
    const errors: Error[] = [];
    const unsubscribe = store.subscribe(
      after,
      (events) => {
        received.push(...events);
      },
      (error) => errors.push(error),
    );
    onTestFinished(unsubscribe);
    return { received, errors, unsubscribe };
  }

  describe(`EventStore contract: ${name}`, () => {
    describe('append and readAfter', () => {
      it('appends with the request as the record and strictly increasing cursors', async () => {
        const { store } = await openFresh();
        const event = sampleArrival();
        const request = appendRequest(event, { recordedAt: '2025-01-06T10:00:01.000Z' });
        const result = await store.append(request);
        expect(result).toEqual({
          outcome: 'appended',
          recorded: {
            event,
            actor: sampleActor,
            recordedAt: '2025-01-06T10:00:01.000Z',
            cursor: expect.any(String),
          },
        });
        const later = await appendMany(store, 5);
        const cursors = [
          result.outcome === 'appended' ? result.recorded.cursor : '',
          ...later.map((r) => r.cursor),
        ];
        for (let index = 1; index < cursors.length; index += 1) {
          expect(compareCursors(cursors[index - 1] ?? null, cursors[index] ?? null)).toBeLessThan(0);
        }
      });

      it('records are frozen, and the request the caller passed is left alone', async () => {
        const { store } = await openFresh();
        const request = appendRequest(sampleArrival());
        const recorded = await store.append(request);
        const read = await store.readAfter(null, 1);
        for (const record of [recorded.outcome === 'appended' ? recorded.recorded : undefined, read[0]]) {
          expect(record && [record, record.event, record.actor].every(Object.isFrozen)).toBe(true);
        }
        expect([request, request.event, request.actor].some(Object.isFrozen)).toBe(false);
      });

      it('readAfter(null) returns every event in log order', async () => {
        const { store } = await openFresh();
        const appended = await appendMany(store, 7);
        expect(await store.readAfter(null, 100)).toEqual(appended);
      });

      it('readAfter(cursor, limit) pages exactly, with nothing after the last cursor', async () => {
        const { store } = await openFresh();
        const appended = await appendMany(store, 7);
        const pages: RecordedEvent[][] = [];
        let after: string | null = null;
        // Bounded: a store that repeats the cursor's own event would page forever.
        for (let round = 0; round < 10; round += 1) {
          const page = await store.readAfter(after, 3);
          if (page.length === 0) break;
          pages.push(page);
          after = page.at(-1)?.cursor ?? null;
        }
        expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
        expect(pages.flat()).toEqual(appended);
        expect(await store.readAfter(appended[2]?.cursor ?? null, 2)).toEqual(appended.slice(3, 5));
        expect(await store.readAfter(appended[6]?.cursor ?? null, 10)).toEqual([]);
      });

      it('rejects a malformed cursor with TypeError', async () => {
        const { store } = await openFresh();
        await expect(store.readAfter('latest', 10)).rejects.toThrow(TypeError);
        expect(() => store.subscribe('latest', () => undefined)).toThrow(TypeError);
      });

      it('rejects an event without an eventId and writes nothing', async () => {
        const { store } = await openFresh();
        const { eventId: _, ...withoutId } = sampleArrival();
        // @ts-expect-error: a malformed event, as a buggy caller could send one
        await expect(store.append(appendRequest(withoutId))).rejects.toThrow(TypeError);
        expect(await store.readAfter(null, 10)).toEqual([]);
      });
    });

    describe('idempotency', () => {
      it('a repeated eventId returns the original record and writes nothing', async () => {
        const { store } = await openFresh();
        const event = sampleArrival();
        const first = await store.append(
          appendRequest(event, { recordedAt: '2025-01-06T10:00:01.000Z', actor: sampleActor }),
        );
        const retry = await store.append(
          appendRequest(
            { ...event, callsign: 'CHANGED' },
            {
              recordedAt: '2025-01-06T10:05:00.000Z',
              actor: { credentialId: 'other', role: 'crew', label: 'Someone else' },
            },
          ),
        );
        expect(first.outcome).toBe('appended');
        expect(retry.outcome).toBe('duplicate');
        if (first.outcome !== 'appended' || retry.outcome !== 'duplicate') return;
        expect(retry.recorded).toEqual(first.recorded);
        expect(await store.readAfter(null, 10)).toEqual([first.recorded]);
      });

      it('concurrent appends of one eventId: one is appended, the others are duplicates of it', async () => {
        const { store } = await openFresh();
        const event = sampleArrival();
        // Behind another append, as under load: the retries queue up and are decided together.
        const [, ...results] = await Promise.all([
          store.append(appendRequest(sampleArrival())),
          ...Array.from({ length: 10 }, () => store.append(appendRequest(event))),
        ]);
        const appended = results.filter((result) => result.outcome === 'appended');
        expect(appended).toHaveLength(1);
        const original = appended[0]?.outcome === 'appended' ? appended[0].recorded : undefined;
        for (const result of results) expect(result).toMatchObject({ recorded: original });
        expect(await store.readAfter(null, 20)).toHaveLength(2);
      });
    });

    describe('optimistic concurrency (expectedVersion)', () => {
      it('null appends to a new handover; once it has events, null conflicts with its version', async () => {
        const { store } = await openFresh();
        const handoverId = randomUUID();
        const first = await store.append(appendRequest(sampleArrival(handoverId), { expectedVersion: null }));
        expect(first.outcome).toBe('appended');
        if (first.outcome !== 'appended') return;
        const second = await store.append(
          appendRequest(sampleHandedOver(handoverId), { expectedVersion: null }),
        );
        expect(second).toEqual({ outcome: 'conflict', currentVersion: first.recorded.cursor });
        expect(await store.readAfter(null, 10)).toEqual([first.recorded]);
      });

      it("the handover's last cursor appends; a stale or unknown one conflicts and writes nothing", async () => {
        const { store } = await openFresh();
        const handoverId = randomUUID();
        const arrived = await appendOk(store, sampleArrival(handoverId));
        const handedOver = await store.append(
          appendRequest(sampleHandedOver(handoverId), { expectedVersion: arrived.cursor }),
        );
        expect(handedOver.outcome).toBe('appended');
        if (handedOver.outcome !== 'appended') return;
        const stale = await store.append(
          appendRequest(sampleHandedOver(handoverId), { expectedVersion: arrived.cursor }),
        );
        expect(stale).toEqual({ outcome: 'conflict', currentVersion: handedOver.recorded.cursor });
        const unknownHandover = await store.append(
          appendRequest(sampleArrival(), { expectedVersion: arrived.cursor }),
        );
        expect(unknownHandover).toEqual({ outcome: 'conflict', currentVersion: null });
        expect(eventIds(await store.readAfter(null, 10))).toEqual([
          arrived.event.eventId,
          handedOver.recorded.event.eventId,
        ]);
      });

      it('concurrent appends expecting one version: exactly one appends, the others conflict with it', async () => {
        const { store } = await openFresh();
        const handoverId = randomUUID();
        const arrived = await appendOk(store, sampleArrival(handoverId));
        const [, ...results] = await Promise.all([
          store.append(appendRequest(sampleArrival())),
          ...Array.from({ length: 5 }, () =>
            store.append(appendRequest(sampleHandedOver(handoverId), { expectedVersion: arrived.cursor })),
          ),
        ]);
        const winners = results.filter((result) => result.outcome === 'appended');
        expect(winners).toHaveLength(1);
        const winner = winners[0]?.outcome === 'appended' ? winners[0].recorded : undefined;
        expect(results.filter((result) => result.outcome === 'conflict')).toEqual(
          Array.from({ length: 4 }, () => ({ outcome: 'conflict', currentVersion: winner?.cursor })),
        );
      });

      it('versions are per handover: events of another handover do not move it', async () => {
        const { store } = await openFresh();
        const handoverId = randomUUID();
        const arrived = await appendOk(store, sampleArrival(handoverId));
        await appendMany(store, 3);
        const next = await store.append(
          appendRequest(sampleHandedOver(handoverId), { expectedVersion: arrived.cursor }),
        );
        expect(next.outcome).toBe('appended');
      });
    });

    describe('versionOf', () => {
      it('is null for a handover without events, then the cursor of its last appended event', async () => {
        const { store } = await openFresh();
        const handoverId = randomUUID();
        expect(await store.versionOf(handoverId)).toBeNull();
        const arrived = await appendOk(store, sampleArrival(handoverId));
        expect(await store.versionOf(handoverId)).toBe(arrived.cursor);
        await appendMany(store, 2);
        expect(await store.versionOf(handoverId)).toBe(arrived.cursor);
        const handedOver = await appendOk(store, sampleHandedOver(handoverId));
        expect(await store.versionOf(handoverId)).toBe(handedOver.cursor);
      });

      it('is the version append checks: a conflict or a duplicate leaves it as it was', async () => {
        const { store } = await openFresh();
        const handoverId = randomUUID();
        const arrived = await appendOk(store, sampleArrival(handoverId));
        const handedOver = await appendOk(store, sampleHandedOver(handoverId));
        const stale = await store.append(
          appendRequest(sampleHandedOver(handoverId), { expectedVersion: arrived.cursor }),
        );
        expect(stale).toEqual({ outcome: 'conflict', currentVersion: await store.versionOf(handoverId) });
        expect((await store.append(appendRequest(arrived.event))).outcome).toBe('duplicate');
        expect(await store.versionOf(handoverId)).toBe(handedOver.cursor);
      });
    });

    it('200 concurrent appends get distinct cursors in call order, and all read back', async () => {
      const { store } = await openFresh();
      const events = Array.from({ length: 200 }, () => sampleArrival());
      const results = await Promise.all(events.map((event) => store.append(appendRequest(event))));
      const recorded = results.map((result) => (result.outcome === 'appended' ? result.recorded : undefined));
      expect(recorded.every((record) => record !== undefined)).toBe(true);
      const cursors = recorded.map((record) => record?.cursor ?? null);
      expect(new Set(cursors).size).toBe(200);
      expect([...cursors].sort(compareCursors)).toEqual(cursors);
      const read = await store.readAfter(null, 500);
      expect(eventIds(read)).toEqual(events.map((event) => event.eventId));
      expect(read.map((record) => record.cursor)).toEqual(cursors);
    });

    describe('subscribe', () => {
      it('delivers the backlog, then live appends, in order, exactly once', async () => {
        const { store } = await openFresh();
        const backlog = await appendMany(store, 3);
        const { received, errors } = collect(store, null);
        await waitFor(() => received.length >= 3, { what: 'the backlog' });
        const live = await Promise.all(Array.from({ length: 20 }, () => appendOk(store)));
        await waitFor(() => received.length >= 23, { what: 'the live events' });
        await sleep(SETTLE_MS);
        expect(received).toEqual([
          ...backlog,
          ...[...live].sort((a, b) => compareCursors(a.cursor, b.cursor)),
        ]);
        expect(errors).toEqual([]);
      });

      it('from a cursor, delivers only what follows it', async () => {
        const { store } = await openFresh();
        const appended = await appendMany(store, 5);
        const { received } = collect(store, appended[1]?.cursor ?? null);
        await waitFor(() => received.length >= 3, { what: 'events after the cursor' });
        await sleep(SETTLE_MS);
        expect(received).toEqual(appended.slice(2));
      });

      it('delivers one batch at a time: the next waits for the previous promise', async () => {
        const { store } = await openFresh();
        const received: RecordedEvent[] = [];
        let inFlight = 0;
        let maxInFlight = 0;
        const unsubscribe = store.subscribe(null, async (events) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await sleep(10);
          received.push(...events);
          inFlight -= 1;
        });
        onTestFinished(unsubscribe);
        const appended: RecordedEvent[] = [];
        for (let round = 0; round < 5; round += 1) {
          appended.push(...(await Promise.all(Array.from({ length: 5 }, () => appendOk(store)))));
          await sleep(3);
        }
        await waitFor(() => received.length >= 25, { what: 'every event' });
        expect(maxInFlight).toBe(1);
        expect(received.map((record) => record.cursor)).toEqual(
          appended.map((record) => record.cursor).sort(compareCursors),
        );
      });

      it('reports a failing handler to onError and goes on with the next events', async () => {
        const { store } = await openFresh();
        const received: RecordedEvent[] = [];
        const errors: Error[] = [];
        let failed = false;
        const unsubscribe = store.subscribe(
          null,
          (events) => {
            if (!failed) {
              failed = true;
              throw new Error('projection failed');
            }
            received.push(...events);
          },
          (error) => errors.push(error),
        );
        onTestFinished(unsubscribe);
        const first = await appendOk(store);
        await waitFor(() => errors.length === 1, { what: 'the reported failure' });
        const second = await appendOk(store);
        await waitFor(() => received.length >= 1, { what: 'the next event' });
        await sleep(SETTLE_MS);
        expect(errors.map((error) => error.message)).toEqual(['projection failed']);
        expect(received).toEqual([second]);
        expect(first.cursor).not.toBe(second.cursor);
      });

      it('stops delivering once unsubscribed', async () => {
        const { store } = await openFresh();
        const { received, unsubscribe } = collect(store, null);
        await appendOk(store);
        await waitFor(() => received.length === 1, { what: 'the first event' });
        await unsubscribe();
        await appendMany(store, 3);
        await sleep(SETTLE_MS);
        expect(received).toHaveLength(1);
      });
    });

    describe('documents', () => {
      it('put, get, list in key order, replace and delete', async () => {
        const { store } = await openFresh();
        const { documents } = store;
        expect(await documents.get('reports', 'missing')).toBeUndefined();
        expect(await documents.list('reports')).toEqual([]);
        await documents.put('reports', 'b', { total: 2 });
        await documents.put('reports', 'a', { total: 1 });
        await documents.put('reports', 'c', [3]);
        await documents.put('other', 'a', 'elsewhere');
        expect(await documents.get('reports', 'a')).toEqual({ total: 1 });
        await documents.put('reports', 'a', { total: 10 });
        expect(await documents.list('reports')).toEqual([
          { key: 'a', value: { total: 10 } },
          { key: 'b', value: { total: 2 } },
          { key: 'c', value: [3] },
        ]);
        await documents.delete('reports', 'b');
        await documents.delete('reports', 'never-there');
        expect(await documents.get('reports', 'b')).toBeUndefined();
        expect((await documents.list('reports')).map((entry) => entry.key)).toEqual(['a', 'c']);
        expect(await documents.get('other', 'a')).toBe('elsewhere');
      });

      it('putIfAbsent stores the first value only', async () => {
        const { store } = await openFresh();
        expect(await store.documents.putIfAbsent('credentials', 'k1', { v: 1 })).toBe(true);
        expect(await store.documents.putIfAbsent('credentials', 'k1', { v: 2 })).toBe(false);
        expect(await store.documents.get('credentials', 'k1')).toEqual({ v: 1 });
      });

      it('20 concurrent putIfAbsent calls: exactly one stores its value', async () => {
        const { store } = await openFresh();
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            store.documents.putIfAbsent('frozen', 'report', { index }),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.documents.get('frozen', 'report')).toEqual({ index: results.indexOf(true) });
      });
    });

    describe('lifecycle', () => {
      it('keeps events, versions, idempotency and documents across close and reopen', async () => {
        const { store, reopen } = await openFresh();
        const handoverId = randomUUID();
        const appended = [await appendOk(store, sampleArrival(handoverId)), ...(await appendMany(store, 4))];
        await store.documents.put('reports', '2025-01', { total: 5 });
        await store.close();

        const reopened = await reopen();
        expect(await reopened.readAfter(null, 100)).toEqual(appended);
        expect(await reopened.documents.get('reports', '2025-01')).toEqual({ total: 5 });
        const retry = await reopened.append(appendRequest(appended[2]?.event ?? sampleArrival()));
        expect(retry).toEqual({ outcome: 'duplicate', recorded: appended[2] });
        const stale = await reopened.append(
          appendRequest(sampleHandedOver(handoverId), { expectedVersion: null }),
        );
        expect(stale).toEqual({ outcome: 'conflict', currentVersion: appended[0]?.cursor });
        expect(await reopened.versionOf(handoverId)).toBe(appended[0]?.cursor);
        const next = await appendOk(reopened);
        expect(compareCursors(next.cursor, appended[4]?.cursor ?? null)).toBeGreaterThan(0);
      });

      it('close lets pending appends finish first', async () => {
        const { store, reopen } = await openFresh();
        const pending = Array.from({ length: 20 }, () => store.append(appendRequest(sampleArrival())));
        await store.close();
        const results = await Promise.all(pending);
        expect(results.every((result) => result.outcome === 'appended')).toBe(true);
        const reopened = await reopen();
        expect(await reopened.readAfter(null, 100)).toHaveLength(20);
      });

      it('rejects appends and version reads after close with StoreUnavailableError', async () => {
        const { store } = await openFresh();
        await store.close();
        await expect(store.append(appendRequest(sampleArrival()))).rejects.toBeInstanceOf(
          StoreUnavailableError,
        );
        await expect(store.versionOf(randomUUID())).rejects.toBeInstanceOf(StoreUnavailableError);
      });

      it('ping resolves', async () => {
        const { store } = await openFresh();
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
