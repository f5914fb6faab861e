import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ApiSender, type ApiSenderOptions, SenderFatalError } from './api-sender';
import { generateTraffic } from './generator';
import { Random } from './random';
import { referenceData } from './test-support/reference';
import type { GeneratedEvent } from './wire-events';

/** The sender's own rules against a scripted fake of the batch endpoint (the real server: *.server.test.ts). */

const { organisations, calibration } = referenceData();
const FROM = Date.parse('2026-01-12T08:00:00Z');
// Six hours of a busy site: every party's events, release requests and responses among them.
const TRAFFIC = generateTraffic({
  seed: 3,
  from: FROM,
  to: FROM + 6 * 3_600_000,
  organisations,
  calibration,
  sites: ['RRK15'],
});

interface Posted {
  token: string;
  events: { eventId: string; handoverId: string; type: string }[];
}

function posted(init: RequestInit | undefined): Posted {
  const headers = new Headers(init?.headers);
  const token = (headers.get('authorization') ?? '').replace('Bearer ', '');
  return { token, events: (JSON.parse(String(init?.body)) as { events: Posted['events'] }).events };
}

/** The server's answer when it records every event of the batch. */
function accepted({ events }: Posted, status = 201): Response {
  return Response.json({
    accepted: status === 201 ? events.length : 0,
    duplicates: status === 200 ? events.length : 0,
    rejected: 0,
    results: events.map((event, index) => ({ index, status, eventId: event.eventId, cursor: `${index}-0` })),
  });
}

function sender(options: Partial<ApiSenderOptions> & Pick<ApiSenderOptions, 'fetch'>): ApiSender {
  return new ApiSender({
    baseUrl: 'http://server.test',
    credentials: { feed: 'F', admin: 'A' },
    sleep: async () => {},
    ...options,
  });
}

const roles = (events: readonly GeneratedEvent[]) => new Set(events.map((e) => e.sendAs));

describe('ApiSender', () => {
  it('re-posts the very same batch after a lost answer, a 429 (after its Retry-After) and a 503', async () => {
    const bodies: string[] = [];
    const waits: number[] = [];
    const script: (() => Response)[] = [
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
      () =>
        Response.json(
          { error: { code: 'RATE_LIMITED', message: 'slow down' } },
          { status: 429, headers: { 'retry-after': '2' } },
        ),
      () => Response.json({ error: { code: 'STORE_UNAVAILABLE', message: 'later' } }, { status: 503 }),
    ];
    const events = TRAFFIC.slice(0, 30).filter((e) => e.sendAs === 'feed');
    const stats = await sender({
      fetch: async (_url, init) => {
        bodies.push(String(init?.body));
        return (script.shift() ?? (() => accepted(posted(init), 200)))();
      },
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
    }).send(events);

    expect(bodies).toHaveLength(4);
    expect(new Set(bodies).size).toBe(1);
    expect(waits).toEqual([150, 2_100, 600]);
    expect(stats).toMatchObject({
      retries: 3,
      requests: 4,
      sent: events.length,
      duplicates: events.length,
      failed: 0,
    });
  });

  it('never has one handover in two batches in flight, nor reorders its events', async () => {
    const random = new Random('ordering');
    const inFlight = new Set<string>();
    const seen = new Map<string, string[]>();
    const tokenOf = { feed: 'F', control: 'C', ed: 'E' } as const;
    const roleOfEvent = new Map(TRAFFIC.map((e) => [e.event.eventId, e.sendAs]));
    let overlaps = 0;
    let maxInFlight = 0;
    const stats = await sender({
      credentials: { feed: 'F', control: 'C', ed: 'E' },
      batchSize: 7,
      concurrency: 4,
      fetch: async (_url, init) => {
        const batch = posted(init);
        const handovers = new Set(batch.events.map((e) => e.handoverId));
        for (const id of handovers) if (inFlight.has(id)) overlaps += 1;
        for (const id of handovers) inFlight.add(id);
        maxInFlight = Math.max(maxInFlight, inFlight.size);
        for (const event of batch.events) {
          expect(tokenOf[roleOfEvent.get(event.eventId) ?? 'feed']).toBe(batch.token);
          seen.set(event.handoverId, [...(seen.get(event.handoverId) ?? []), event.eventId]);
        }
        await sleep(random.integer(0, 3));
        for (const id of handovers) inFlight.delete(id);
        return accepted(batch);
      },
    }).send(TRAFFIC);

    expect(roles(TRAFFIC)).toEqual(new Set(['feed', 'control', 'ed']));
    expect(overlaps).toBe(0);
    expect(maxInFlight).toBeGreaterThan(7);
    expect(stats.accepted).toBe(TRAFFIC.length);
    for (const [handoverId, order] of seen) {
      const generated = TRAFFIC.filter((e) => e.event.handoverId === handoverId).map((e) => e.event.eventId);
      expect(order).toEqual(generated);
    }
  });

  it('sends control and ED events with the admin token when they have none, and skips them without it', async () => {
    const tokens = new Map<string, Set<string>>();
    const record = async (_url: unknown, init: RequestInit | undefined) => {
      const batch = posted(init);
      for (const event of batch.events)
        tokens.set(event.type, (tokens.get(event.type) ?? new Set()).add(batch.token));
      return accepted(batch);
    };
    await sender({ fetch: record }).send(TRAFFIC);
    expect(tokens.get('release_requested')).toEqual(new Set(['A']));
    expect(tokens.get('release_responded')).toEqual(new Set(['A']));
    expect(tokens.get('arrived')).toEqual(new Set(['F']));

    const skipped: string[] = [];
    const stats = await sender({
      credentials: { feed: 'F' },
      fetch: record,
      onResult: (result) => {
        if (result.outcome === 'skipped') skipped.push(result.reason);
      },
    }).send(TRAFFIC);
    const byRole = (role: string) => TRAFFIC.filter((e) => e.sendAs === role).length;
    expect(stats.skippedByRole).toEqual({ control: byRole('control'), ed: byRole('ed') });
    expect(stats.skipped + stats.accepted).toBe(TRAFFIC.length);
    expect(new Set(skipped)).toEqual(new Set(['no credential for control', 'no credential for ed']));
  });

  it('counts refusals by code, per event and for a whole batch', async () => {
    const events = TRAFFIC.filter((e) => e.sendAs === 'feed').slice(0, 10);
    let call = 0;
    const stats = await sender({
      batchSize: 5,
      concurrency: 1,
      fetch: async (_url, init) => {
        const batch = posted(init);
        call += 1;
        if (call === 2) {
          return Response.json({ error: { code: 'BATCH_TOO_LARGE', message: 'no' } }, { status: 413 });
        }
        return Response.json({
          results: batch.events.map((event, index) =>
            index === 0
              ? { index, status: 409, error: { code: 'ALREADY_CLEARED', message: 'cleared' } }
              : { index, status: 201, eventId: event.eventId, cursor: '1-0' },
          ),
        });
      },
    }).send(events);
    expect(stats).toMatchObject({ accepted: 4, rejected: 6, retries: 0 });
    expect(stats.rejectedByCode).toEqual({ ALREADY_CLEARED: 1, BATCH_TOO_LARGE: 5 });
  });

  it('gives up after the last attempt and says the events are not known to be delivered', async () => {
    const stats = await sender({
      retry: { maxAttempts: 3 },
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
    }).send(TRAFFIC.slice(0, 5));
    expect(stats).toMatchObject({ requests: 3, retries: 2, failed: 5, failedByReason: { ECONNREFUSED: 5 } });
  });

  it('stops at once when the server refuses the credential itself', async () => {
    const refusing = sender({
      concurrency: 1,
      batchSize: 5,
      fetch: async () =>
        Response.json({ error: { code: 'UNAUTHENTICATED', message: 'revoked' } }, { status: 401 }),
    });
    await expect(refusing.send(TRAFFIC.slice(0, 20))).rejects.toThrow(SenderFatalError);
    expect(refusing.stats()).toMatchObject({ requests: 1, rejected: 5 });
    await expect(refusing.submit(TRAFFIC.slice(20, 21))).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('on shutdown drops what is queued and abandons a batch that does not answer in time', async () => {
    const stopping = sender({
      concurrency: 1,
      batchSize: 5,
      sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
        }),
    });
    const events = TRAFFIC.filter((e) => e.sendAs === 'feed').slice(0, 12);
    await stopping.submit(events);
    const stats = await stopping.shutdown(20);
    expect(stats).toMatchObject({ sent: 5, failed: 5, unsent: 7, failedByReason: { stopped: 5 } });
  });
});
