import { randomUUID } from 'node:crypto';
import type { HandoverEvent } from '@handover/domain';
import { STREAM_KEY, withRedis } from './deployment';
import type { BenchReference } from './reference';

const HOUR_MS = 3_600_000;
const ACTOR = { credentialId: 'bench-history', role: 'feed', label: 'Bench history' };

/**
 * Writes `events` of finished handovers (arrived, handed over, cleared) from 25 to 30 hours ago straight
 * onto the stream, before any instance starts. Every instance replays them at start, so its resume
 * buffer holds what a day in production leaves there (the hub keeps the last 50,000 events), while
 * snapshots stay small (closed and over 24 hours old).
 */
export async function prefillHistory(
  redisUrl: string,
  events: number,
  reference: BenchReference,
): Promise<void> {
  const handovers = Math.ceil(events / 3);
  const start = Date.now() - 30 * HOUR_MS;
  const step = (5 * HOUR_MS) / handovers;
  await withRedis(redisUrl, async (redis) => {
    for (let done = 0; done < handovers; done += 1_000) {
      const pipeline = redis.pipeline();
      for (let i = done; i < Math.min(handovers, done + 1_000); i++) {
        for (const { event, recordedAt } of finishedHandover(start + i * step, i, reference)) {
          pipeline.xadd(STREAM_KEY, '*', 'r', JSON.stringify({ event, recordedAt, actor: ACTOR }));
        }
      }
      await pipeline.exec();
    }
  });
}

function finishedHandover(
  arrivedAt: number,
  serial: number,
  reference: BenchReference,
): { event: HandoverEvent; recordedAt: string }[] {
  const site = reference.sites[serial % reference.sites.length];
  if (site === undefined) throw new Error('no sites');
  const handoverId = randomUUID();
  const iso = (ms: number) => new Date(ms).toISOString();
  const handedOverAt = arrivedAt + 20 * 60_000;
  const clearedAt = handedOverAt + 10 * 60_000;
  return [
    {
      event: {
        type: 'arrived',
        eventId: randomUUID(),
        handoverId,
        at: iso(arrivedAt),
        siteCode: site.code,
        ambulanceTrustCode: site.ambulanceTrusts[0] ?? 'RYA',
        callsign: `H${serial.toString(36).toUpperCase()}`,
        category: 2,
      },
      recordedAt: iso(arrivedAt),
    },
    {
      event: { type: 'handed_over', eventId: randomUUID(), handoverId, at: iso(handedOverAt), by: 'crew' },
      recordedAt: iso(handedOverAt),
    },
    {
      event: { type: 'cleared', eventId: randomUUID(), handoverId, at: iso(clearedAt) },
      recordedAt: iso(clearedAt),
    },
  ];
}
