import { addDays, localDateOf } from '@handover/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSender, type EventResult } from './api-sender';
import { generateDay } from './generate-day';
import { generateTraffic } from './generator';
import { planSimulation, runSimulation } from './run-simulation';
import { type DemoServer, startDemoServer } from './test-support/demo-server';
import { startLossyProxy } from './test-support/lossy-proxy';
import { referenceData } from './test-support/reference';
import type { GeneratedEvent } from './wire-events';

/**
 * The sender against the real server process, over HTTP only: every event of a backfill accepted, a
 * re-sent batch only ever a duplicate, and answers lost in transit retried without a second copy.
 * Each test uses its own site, so the server's counts per site are the test's alone.
 */

const { organisations, calibration } = referenceData();
const HOUR_MS = 3_600_000;
const SEED = 2026;
let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer();
}, 40_000);

afterAll(async () => {
  await server?.stop();
});

async function handoverCount(siteCode: string): Promise<number> {
  const body = (await server.get(`/api/v1/handovers?siteCode=${siteCode}&limit=1`)) as { total: number };
  return body.total;
}

/** Events of one site's handovers arriving in the last `hours`, as far as now. */
function recentTraffic(siteCode: string, hours: number): GeneratedEvent[] {
  const now = Date.now();
  return generateTraffic({
    seed: SEED,
    from: now - hours * HOUR_MS,
    to: now,
    now,
    organisations,
    calibration,
    sites: [siteCode],
  });
}

function recorder(): { results: EventResult[]; onResult: (result: EventResult) => void } {
  const results: EventResult[] = [];
  return { results, onResult: (result) => results.push(result) };
}

function cursors(results: readonly EventResult[]): Map<string, string> {
  return new Map(
    results.flatMap((result) =>
      'cursor' in result ? [[result.generated.event.eventId, result.cursor] as const] : [],
    ),
  );
}

describe('ApiSender against the real server', () => {
  it('backfills a day of one site: every event accepted and every handover on the server', async () => {
    const plan = planSimulation({ mode: 'backfill', days: 1 }, Date.now());
    const { results, onResult } = recorder();
    const sender = new ApiSender({
      baseUrl: server.url,
      credentials: { feed: server.tokens.feed, admin: server.tokens.admin },
      onResult,
    });
    const before = await server.eventCount();
    const report = await runSimulation({
      plan,
      traffic: { seed: SEED, organisations, calibration, sites: ['RRK15'] },
      sender,
    });

    const { stats } = report;
    expect(stats.rejectedByCode).toEqual({});
    expect(stats).toMatchObject({ rejected: 0, failed: 0, skipped: 0, duplicates: 0 });
    expect(stats.accepted).toBe(stats.submitted);
    expect(results.every((result) => result.outcome === 'accepted')).toBe(true);
    expect(await server.eventCount()).toBe(before + stats.accepted);

    // The same selection worked out independently: handovers arriving in the window, seen by its end.
    const until = plan.until ?? Date.now();
    const expected = new Set<string>();
    for (let date = localDateOf(plan.arrivedFrom); date <= localDateOf(until); date = addDays(date, 1)) {
      const { events } = generateDay({ seed: SEED, date, organisations, calibration, sites: ['RRK15'] });
      const firstAt = new Map<string, number>();
      const arrivedAt = new Map<string, number>();
      for (const { event } of events) {
        const at = Date.parse(event.at);
        if (!firstAt.has(event.handoverId)) firstAt.set(event.handoverId, at);
        if (event.type === 'arrived') arrivedAt.set(event.handoverId, at);
      }
      for (const [id, at] of firstAt) {
        if (at <= until && (arrivedAt.get(id) ?? Number.POSITIVE_INFINITY) >= plan.arrivedFrom)
          expected.add(id);
      }
    }
    expect(expected.size).toBeGreaterThan(20);
    expect(report.handovers).toBe(expected.size);
    expect(await handoverCount('RRK15')).toBe(expected.size);
  });

  it('answers a re-sent batch (its answer lost) with duplicates only, recording nothing new', async () => {
    const events = recentTraffic('RBN01', 6);
    const credentials = { feed: server.tokens.feed, admin: server.tokens.admin };
    const first = recorder();
    const stats = await new ApiSender({ baseUrl: server.url, credentials, onResult: first.onResult }).send(
      events,
    );
    expect(stats).toMatchObject({ accepted: events.length, rejected: 0, failed: 0 });
    const recorded = await server.eventCount();
    const handovers = await handoverCount('RBN01');

    const again = recorder();
    const resent = await new ApiSender({ baseUrl: server.url, credentials, onResult: again.onResult }).send(
      events,
    );
    expect(resent).toMatchObject({ accepted: 0, duplicates: events.length, rejected: 0, failed: 0 });
    // The original outcome comes back: the same log position for every event, and the log did not grow.
    expect(cursors(again.results)).toEqual(cursors(first.results));
    expect(await server.eventCount()).toBe(recorded);
    expect(await handoverCount('RBN01')).toBe(handovers);
  });

  it('retries batches whose answer was lost, and the server records every event exactly once', async () => {
    const proxy = await startLossyProxy(server.url);
    try {
      const events = recentTraffic('RK950', 12);
      const handoverIds = new Set(events.map(({ event }) => event.handoverId));
      const before = await server.eventCount();
      const { results, onResult } = recorder();
      const sender = new ApiSender({
        baseUrl: proxy.url,
        credentials: { feed: server.tokens.feed, admin: server.tokens.admin },
        // Small batches, several in flight: ordering across batches matters, and is checked by the server.
        batchSize: 40,
        concurrency: 4,
        retry: { baseDelayMs: 20 },
        onResult,
      });
      const stats = await sender.send(events);

      expect(proxy.dropped()).toBeGreaterThanOrEqual(Math.ceil(events.length / 40));
      expect(stats.retries).toBe(proxy.dropped());
      expect(stats).toMatchObject({ rejected: 0, failed: 0, accepted: 0, duplicates: events.length });
      // Exactly once: one log position per event, all different, and the log grew by the event count.
      const positions = new Set(cursors(results).values());
      expect(positions.size).toBe(events.length);
      expect(await server.eventCount()).toBe(before + events.length);
      expect(await handoverCount('RK950')).toBe(handoverIds.size);
    } finally {
      await proxy.close();
    }
  });
});
