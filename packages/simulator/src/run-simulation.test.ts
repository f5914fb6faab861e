import { describe, expect, it } from 'vitest';
import { ApiSender } from './api-sender';
import {
  planSimulation,
  runSimulation,
  type SimulationProgress,
  type SimulationRequest,
} from './run-simulation';
import { referenceData } from './test-support/reference';

/** The modes on a fake clock: what is sent when, against a fake endpoint that records every post. */

const { organisations, calibration } = referenceData();
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW = Date.parse('2026-03-02T09:30:00Z');

interface Post {
  wall: number;
  at: number;
}

function simulate(request: SimulationRequest, stopAfterMs = Number.POSITIVE_INFINITY) {
  let wall = NOW;
  const posts: Post[] = [];
  const progress: SimulationProgress[] = [];
  const stop = new AbortController();
  const now = () => wall;
  // A pause lets the answers already on their way come in first, as real time would.
  const sleep = async (ms: number) => {
    await new Promise((resolve) => setImmediate(resolve));
    wall += ms;
    if (wall - NOW > stopAfterMs) stop.abort();
  };
  const sender = new ApiSender({
    baseUrl: 'http://server.test',
    credentials: { feed: 'F', admin: 'A' },
    now,
    sleep,
    fetch: async (_url, init) => {
      const { events } = JSON.parse(String(init?.body)) as { events: { at: string }[] };
      for (const event of events) posts.push({ wall, at: Date.parse(event.at) });
      return Response.json({ results: events.map((_e, index) => ({ index, status: 201, cursor: '1-0' })) });
    },
  });
  const plan = planSimulation(request, NOW);
  const run = runSimulation({
    plan,
    traffic: { seed: 1, organisations, calibration, sites: ['RRK15', 'RBN01'] },
    sender,
    signal: stop.signal,
    now,
    sleep,
    progressEveryMs: 0,
    onProgress: (p) => progress.push(p),
  });
  return { plan, run, posts, progress };
}

describe('planSimulation', () => {
  it('refuses what the server would refuse, with the flag to fix', () => {
    expect(() => planSimulation({ mode: 'backfill', days: 20 }, NOW)).toThrow(/--days .* at most 13/);
    expect(() => planSimulation({ mode: 'backfill', until: NOW + 60_000 }, NOW)).toThrow(
      /--until is in the future/,
    );
    expect(() => planSimulation({ mode: 'accelerated' }, NOW)).toThrow(/needs --from/);
    expect(() => planSimulation({ mode: 'accelerated', from: NOW - 20 * DAY_MS }, NOW)).toThrow(
      /last 13 days/,
    );
    expect(() => planSimulation({ mode: 'live', since: NOW - 13 * DAY_MS }, NOW)).toThrow(/amendment window/);
  });

  it('backfills the last 7 days up to now by default, and lets live catch up a day', () => {
    expect(planSimulation({ mode: 'backfill' }, NOW)).toMatchObject({
      arrivedFrom: NOW - 7 * DAY_MS,
      until: NOW,
    });
    expect(planSimulation({ mode: 'live' }, NOW)).toMatchObject({
      arrivedFrom: NOW - DAY_MS,
      until: undefined,
    });
  });
});

describe('runSimulation', () => {
  it('backfill sends the whole window at once and nothing after its end', async () => {
    const { run, posts, progress } = simulate({ mode: 'backfill', days: 1 });
    const report = await run;
    expect(posts.length).toBeGreaterThan(100);
    expect(posts.every((p) => p.at <= NOW && p.wall === NOW)).toBe(true);
    expect(report).toMatchObject({ stopped: false, fraction: 1 });
    expect(report.stats.accepted).toBe(posts.length);
    expect(progress.at(-1)?.fraction).toBe(1);
  });

  it('live sends what is past at once, then each event when its time comes, never ahead', async () => {
    const since = NOW - 10 * 60_000;
    const { run, posts } = simulate({ mode: 'live', since }, 2 * HOUR_MS);
    const report = await run;
    expect(report.stopped).toBe(true);
    expect(posts.every((p) => p.at > since && p.at <= p.wall)).toBe(true);
    const later = posts.filter((p) => p.at > NOW);
    expect(later.length).toBeGreaterThan(20);
    // Real time: sent within the second its time came (the clock ticks at most a second at a time).
    expect(later.every((p) => p.wall - p.at < 1_000)).toBe(true);
  });

  it('accelerated replays the past at its speed, never ahead of the real clock, then stops at --until', async () => {
    const from = NOW - 6 * HOUR_MS;
    const until = NOW - HOUR_MS;
    const { run, posts, plan } = simulate({ mode: 'accelerated', from, until, speed: 60 });
    const report = await run;
    expect(report.stopped).toBe(false);
    expect(posts.every((p) => p.at <= p.wall && p.wall >= plan.pace.dueAt(p.at))).toBe(true);
    // Five simulated hours at x60 take five real minutes.
    const last = posts.at(-1);
    expect(last && last.wall - NOW).toBeGreaterThan(4.5 * 60_000);
    expect(last && last.wall - NOW).toBeLessThan(5.1 * 60_000);
    expect(Math.max(...posts.map((p) => p.at))).toBeLessThanOrEqual(until);
  });
});
