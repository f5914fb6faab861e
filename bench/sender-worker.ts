/**
 * The sender process of the bench (forked by run.ts): generates realistic handover traffic at a fixed
 * rate and writes it through the API (or, for the baseline, straight onto the Redis stream), stamping
 * each request's send instant so the harness can time every delivery.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_BATCH_EVENTS } from '@handover/protocol';
import { Redis } from 'ioredis';
import { nowMs } from './lib/clock';
import { batchStatuses, describeRefusal, postJson } from './lib/http-post';
import { loadBenchReference } from './lib/reference';
import { serveRpc } from './lib/rpc';
import type { IngestResult, RunResult, SenderApi, SenderTarget } from './lib/sender-api';
import { summarise } from './lib/stats';
import { HandoverTraffic, type TrafficEvent } from './lib/traffic';
import type { EventTable } from './lib/worker-api';

const TICK_MS = 10;
const MAX_IN_FLIGHT = 256;
const MAX_REFUSALS = 5;
const BENCH_ACTOR = { credentialId: 'bench-sender', role: 'feed', label: 'Bench sender' };

const reference = loadBenchReference();
let traffic = new HandoverTraffic(reference.sites);
let target: SenderTarget | undefined;
let redis: Redis | undefined;
let stopRequested = false;
let roundRobin = 0;

interface Outcome {
  accepted: boolean[];
  networkError: boolean;
  refusal?: string;
}

/** Writes one request's worth of events to the next target (or `only`), one status per event. */
async function write(events: TrafficEvent[], only?: number[]): Promise<Outcome> {
  if (target === undefined) throw new Error('configure the sender first');
  if (target.mode === 'redis') {
    if (redis === undefined) throw new Error('no Redis connection');
    const pipeline = redis.pipeline();
    const recordedAt = new Date().toISOString();
    for (const { event } of events) {
      pipeline.xadd(target.streamKey, '*', 'r', JSON.stringify({ event, recordedAt, actor: BENCH_ACTOR }));
    }
    const replies = (await pipeline.exec()) ?? [];
    return { accepted: events.map((_, i) => replies[i]?.[0] === null), networkError: false };
  }
  const choices = only ?? target.baseUrls.map((_, i) => i);
  const baseUrl = target.baseUrls[choices[roundRobin++ % choices.length] ?? 0];
  try {
    if (events.length === 1 && events[0] !== undefined) {
      const answer = await postJson(`${baseUrl}/api/v1/events`, target.token, events[0].event);
      const ok = answer.status === 201;
      return { accepted: [ok], networkError: false, ...(ok ? {} : { refusal: describeRefusal(answer) }) };
    }
    const answer = await postJson(`${baseUrl}/api/v1/events/batch`, target.token, {
      events: events.map((e) => e.event),
    });
    const statuses = batchStatuses(answer.body, events.length) ?? [];
    const accepted = events.map((_, i) => statuses[i] === 201);
    const ok = answer.status === 200 && accepted.every(Boolean);
    return { accepted, networkError: false, ...(ok ? {} : { refusal: describeRefusal(answer) }) };
  } catch (error) {
    return { accepted: events.map(() => false), networkError: true, refusal: String(error) };
  }
}

async function configure(next: SenderTarget): Promise<{ ok: true }> {
  redis?.disconnect();
  redis = undefined;
  target = next;
  traffic = new HandoverTraffic(reference.sites);
  if (next.mode === 'redis') {
    redis = new Redis(next.redisUrl, { maxRetriesPerRequest: 1 });
    await redis.ping();
  }
  return { ok: true };
}

async function seed(count: number, siteCodes?: string[], maxAgeMs = 0): Promise<{ accepted: number }> {
  let accepted = 0;
  for (let done = 0; done < count; done += MAX_BATCH_EVENTS) {
    const now = Date.now();
    const events = Array.from({ length: Math.min(MAX_BATCH_EVENTS, count - done) }, () =>
      traffic.arrival(now - Math.random() * maxAgeMs, siteCodes),
    );
    const outcome = await write(events, [0]);
    events.forEach((e, i) => {
      traffic.settled(e.event.eventId, outcome.accepted[i] === true);
    });
    accepted += outcome.accepted.filter(Boolean).length;
    if (outcome.refusal !== undefined) throw new Error(`seeding refused: ${outcome.refusal}`);
  }
  return { accepted };
}

async function run(
  rate: number,
  durationMs: number,
  only?: number[],
  answerWaitMs = 60_000,
): Promise<RunResult> {
  stopRequested = false;
  const rows: { event: TrafficEvent; sentAt: number }[] = [];
  const ackMs: number[] = [];
  const refusals: string[] = [];
  const counts = { sent: 0, refused: 0, networkErrors: 0, requests: 0 };
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  const send = async (events: TrafficEvent[]) => {
    const sentAt = nowMs();
    const outcome = await write(events, only);
    // Answered after the run was closed: neither in the table nor counted as refused.
    if (closed) return;
    ackMs.push(nowMs() - sentAt);
    counts.requests += 1;
    if (outcome.networkError) counts.networkErrors += 1;
    if (outcome.refusal !== undefined && refusals.length < MAX_REFUSALS) refusals.push(outcome.refusal);
    events.forEach((event, i) => {
      const ok = outcome.accepted[i] === true;
      traffic.settled(event.event.eventId, ok);
      if (ok) rows.push({ event, sentAt });
      else counts.refused += 1;
    });
  };

  const start = nowMs();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = nowMs() - start;
      if (stopRequested || (durationMs > 0 && elapsed >= durationMs)) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Due by the schedule; a sender that fell behind catches up in bigger batches.
      const due = Math.floor((elapsed * rate) / 1000) - counts.sent;
      if (due <= 0 || inFlight.size >= MAX_IN_FLIGHT) return;
      const events = Array.from({ length: Math.min(due, MAX_BATCH_EVENTS) }, () => traffic.next(Date.now()));
      counts.sent += events.length;
      const sending: Promise<void> = send(events).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }, TICK_MS);
  });
  const durationMsActual = nowMs() - start;
  // A server starved by a storm may take long to answer: wait a bounded time.
  await Promise.race([Promise.all(inFlight), sleep(answerWaitMs)]);
  closed = true;
  const unanswered = counts.sent - rows.length - counts.refused;

  const table: EventTable = {
    eventIds: rows.map((r) => r.event.event.eventId),
    sendTimes: Float64Array.from(rows, (r) => r.sentAt),
    siteCodes: rows.map((r) => r.event.where.siteCode),
    ambulanceTrustCodes: rows.map((r) => r.event.where.ambulanceTrustCode),
  };
  return {
    table,
    sent: counts.sent,
    accepted: rows.length,
    refused: counts.refused,
    networkErrors: counts.networkErrors,
    unanswered,
    requests: counts.requests,
    durationMs: durationMsActual,
    ackMs: summarise(ackMs),
    refusals,
  };
}

async function ingest(
  concurrency: number,
  batchSize: number,
  durationMs: number,
  stopEarly = false,
): Promise<IngestResult> {
  stopRequested = false;
  const ackMs: number[] = [];
  const refusals: string[] = [];
  const counts = { accepted: 0, refused: 0, networkErrors: 0, requests: 0 };
  const start = nowMs();
  const end = start + durationMs;
  const loop = async () => {
    while (nowMs() < end && !(stopEarly && stopRequested)) {
      const events = Array.from({ length: batchSize }, () => traffic.next(Date.now()));
      const sentAt = nowMs();
      const outcome = await write(events, [0]);
      ackMs.push(nowMs() - sentAt);
      counts.requests += 1;
      if (outcome.networkError) counts.networkErrors += 1;
      if (outcome.refusal !== undefined && refusals.length < MAX_REFUSALS) refusals.push(outcome.refusal);
      events.forEach((event, i) => {
        const ok = outcome.accepted[i] === true;
        traffic.settled(event.event.eventId, ok);
        if (ok) counts.accepted += 1;
        else counts.refused += 1;
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = nowMs() - start;
  return {
    concurrency,
    batchSize,
    durationMs: elapsed,
    ...counts,
    eventsPerSecond: (counts.accepted / elapsed) * 1000,
    ackMs: summarise(ackMs),
    refusals,
  };
}

serveRpc<SenderApi>({
  configure,
  seed: ({ count, siteCodes, maxAgeMs }) => seed(count, siteCodes, maxAgeMs),
  run: ({ rate, durationMs, targets, answerWaitMs }) => run(rate, durationMs, targets, answerWaitMs),
  stop: () => {
    stopRequested = true;
    return { ok: true };
  },
  ingest: ({ concurrency, batchSize, durationMs, stopEarly }) =>
    ingest(concurrency, batchSize, durationMs, stopEarly),
});
