import { execFile } from 'node:child_process';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { ArrivedEvent, RecordedEvent } from '@handover/domain';
import { CLOSE_CODES, type Scope } from '@handover/protocol';
import { openRedisEventStore } from '@handover/store';
import { makeTempDir, type RedisServer, startRedisServer, waitFor } from '@handover/store/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { arrival, follow } from './test-support/events-factory';
import { connectLive, eventually, type LiveTestClient } from './test-support/live-test-client';
import {
  disposeAllServerProcesses,
  type ServerProcess,
  startServerProcess,
} from './test-support/server-process';
import { startTestApp } from './test-support/test-app';

/*
 * Faults at the server level, through the public API of real server processes: Redis killed or down
 * under a running server, the file store's disk full, a sender with a skewed clock. What already has a
 * test is not repeated here: kill -9 of one of two instances (process.test.ts), a slow websocket client
 * (live-hub.test.ts), Redis kill -9 and disk full at the store level (packages/store).
 *
 * What "clients show reconnecting" means while Redis is down: once the server's readiness ping has
 * failed for about a second, every open screen is closed with 1013 (try again later) and every hello
 * is refused with it (never 4401, which the browser would take as a final refusal of its credential).
 * The browser's live client retries with backoff and shows "Reconnecting — recording paused" until
 * Redis is back, then resumes from its cursor: exactly the events it missed, no snapshot, nothing
 * lost or doubled. The browser's side is in e2e/tests/redis-outage.spec.ts.
 */

const MIN = 60_000;
const ENGLAND: Scope = { kind: 'england' };
const EVENTS = '/api/v1/events';
const BATCH = '/api/v1/events/batch';
// These tests are about faults, not the per-credential rate limit.
const UNLIMITED = { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '1000000' };

const clients: LiveTestClient[] = [];
function live(...args: Parameters<typeof connectLive>): LiveTestClient {
  const client = connectLive(...args);
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const client of clients.splice(0)) client.socket.terminate();
});
afterAll(disposeAllServerProcesses);

interface ErrorBody {
  error?: { code?: string; field?: string };
  outcome?: string;
  cursor?: string | null;
  status?: string;
}
type Answer =
  | { status: number; body: ErrorBody; retryAfter: string | null }
  | { status: 'failed'; reason: string };

async function request(server: ServerProcess, path: string, token?: string, body?: object): Promise<Answer> {
  try {
    const response = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
    return {
      status: response.status,
      body: (await response.json()) as ErrorBody,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return { status: 'failed', reason: cause?.code ?? String(error) };
  }
}

/** A 503 as the API promises it: the stable code, and when to retry. */
function expectUnavailable(answer: Answer): void {
  expect(answer).toMatchObject({ status: 503, body: { error: { code: 'STORE_UNAVAILABLE' } } });
  expect(answer.status !== 'failed' && answer.retryAfter).toMatch(/^[1-9]\d*$/);
}

interface Attempt {
  event: ArrivedEvent;
  sentAt: number;
  answeredAt: number;
  answer: Answer;
}

/** `streams` loops, each posting a fresh arrival as soon as its previous one is answered. */
function startSender(server: ServerProcess, token: string, streams: number) {
  const attempts: Attempt[] = [];
  let stopped = false;
  let n = 0;
  const stream = async () => {
    while (!stopped) {
      const event = arrival(Date.now() - 5 * MIN, { callsign: `F ${n++}` });
      const sentAt = performance.now();
      const answer = await request(server, EVENTS, token, event);
      attempts.push({ event, sentAt, answeredAt: performance.now(), answer });
      // Refusals come back at once: do not spin on them (nor flood the log with warnings).
      if (answer.status !== 201) await sleep(25);
    }
  };
  const done = Promise.all(Array.from({ length: streams }, stream));
  return {
    attempts,
    acked: () => attempts.filter((a) => a.answer.status === 201).map((a) => a.event),
    async stop() {
      stopped = true;
      await done;
    },
  };
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Each of `expected` exactly once in `log`, and nothing in `log` twice. */
function expectEachOnce(log: readonly RecordedEvent[], expected: readonly { eventId: string }[]): void {
  const counts = countBy(log.map((r) => r.event.eventId));
  expect(expected.filter((e) => counts.get(e.eventId) !== 1).map((e) => e.eventId)).toEqual([]);
  expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
}

async function cursorOf(server: ServerProcess): Promise<string | null | undefined> {
  const answer = await request(server, '/readyz');
  return answer.status === 200 ? answer.body.cursor : undefined;
}

/** How `client` was closed, failing the test if it is still open after `timeoutMs`. */
async function closedWithin(client: LiveTestClient, timeoutMs: number): Promise<{ code: number }> {
  const timeout = sleep(timeoutMs).then(() => {
    throw new Error(`the live connection was still open after ${timeoutMs} ms`);
  });
  return Promise.race([client.closed, timeout]);
}

/** Connects as the browser's live client does: turned away with 1013, it tries again shortly after. */
async function connectOnceAllowed(...args: Parameters<typeof connectLive>): Promise<LiveTestClient> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const client = live(...args);
    const answered = () => client.messages.length > 0 || client.socket.readyState === client.socket.CLOSED;
    await eventually(answered, 'an answer to the hello');
    if (client.messages.length > 0 || (await client.closed).code !== CLOSE_CODES.TRY_AGAIN_LATER)
      return client;
    await sleep(250);
  }
  throw new Error('the server kept answering "try again later"');
}

/** A failing process test is far easier to read with what the server printed (tokens left out). */
function withOutput(error: unknown, server: ServerProcess | undefined): unknown {
  if (!(error instanceof Error) || server === undefined) return error;
  const output = server
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('hvt_'))
    .join('\n');
  error.message += `\n--- server output ---\n${output.slice(-6_000) || '(none)'}`;
  return error;
}

describe('a server on Redis (AOF always) when Redis fails', () => {
  let redis: RedisServer | undefined;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true, maxmemoryPolicy: 'noeviction' });
    server = await startServerProcess({ env: { ...UNLIMITED, REDIS_URL: redis.url } });
  }, 30_000);
  afterAll(async () => {
    await server?.dispose();
    await redis?.stop();
  });

  function running(): { redis: RedisServer; server: ServerProcess } {
    if (redis === undefined || server === undefined) throw new Error('not started');
    return { redis, server };
  }

  async function readRedisLog(): Promise<RecordedEvent[]> {
    const store = await openRedisEventStore({ url: running().redis.url });
    try {
      return await store.readAfter(null, 1_000_000);
    } finally {
      await store.close();
    }
  }

  let stopSender: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stopSender?.();
    stopSender = undefined;
  });

  it('kill -9 of Redis mid-ingest: every 201 is in the stream once after Redis restarts, with no server restart', async () => {
    const { redis, server } = running();
    try {
      const pid = server.pid;
      const feed = server.credentials.simulatorFeed.token;
      const sender = startSender(server, feed, 6);
      // A failed check must not leave the streams posting.
      stopSender = () => sender.stop();
      await eventually(() => sender.acked().length >= 150, '150 acknowledged events', 15_000);
      const killedAt = performance.now();
      await redis.kill9();
      const ackedAtKill = sender.acked().length;
      await eventually(
        () => sender.attempts.filter((a) => a.answer.status === 503).length >= 20,
        '503s while Redis is down',
        10_000,
      );
      await redis.restart();
      // The server finds Redis again by itself: no restart, no operator.
      await eventually(
        () => sender.acked().length >= ackedAtKill + 150,
        '150 more acknowledged events once Redis is back',
        20_000,
      );
      await sender.stop();
      expect(server.running).toBe(true);
      expect(server.pid).toBe(pid);

      // Two answers only: stored (201), or unavailable with a code and Retry-After (503).
      const others = sender.attempts.filter((a) => a.answer.status !== 201 && a.answer.status !== 503);
      expect(others.map((a) => a.answer)).toEqual([]);
      const refused = sender.attempts.filter((a) => a.answer.status === 503);
      for (const attempt of refused) expectUnavailable(attempt.answer);
      // The kill landed mid-ingest: requests sent before it were answered after it.
      expect(sender.attempts.some((a) => a.sentAt < killedAt && a.answeredAt > killedAt)).toBe(true);

      // A sender retries each 503: it is stored once, never twice (a 503 may hide an append that landed
      // just before the kill: it answers 200 duplicate).
      const retried = await Promise.all(refused.map((a) => request(server, EVENTS, feed, a.event)));
      expect(retried.filter((r) => r.status !== 201 && r.status !== 200)).toEqual([]);

      const log = await readRedisLog();
      expectEachOnce(log, [...sender.acked(), ...refused.map((a) => a.event)]);
      // The server's projection follows the stream again (its subscription reconnected too).
      await waitFor(async () => (await cursorOf(server)) === log.at(-1)?.cursor, {
        what: 'the server at the end of the stream',
        timeoutMs: 5_000,
        intervalMs: 50,
      });
    } catch (error) {
      throw withOutput(error, server);
    }
  }, 60_000);

  it('Redis down: ingest 503 STORE_UNAVAILABLE + Retry-After, /readyz 503, open screens closed with 1013 and refused until Redis is back, then they resume with exactly the missed events', async () => {
    const { redis, server } = running();
    try {
      // Running since the kill test; not if that one failed half-way (restart refuses a running one).
      await redis.restart().catch(() => undefined);
      const pid = server.pid;
      const feed = server.credentials.simulatorFeed.token;
      const viewer = server.credentials.englandViewer.token;
      // Redis came back from the kill test a moment ago: wait until the server lets screens in again.
      const screen = await connectOnceAllowed(server.url, { token: viewer, scope: ENGLAND });
      await screen.next('snapshot');
      const first = arrival(Date.now() - MIN);
      expect((await request(server, EVENTS, feed, first)).status).toBe(201);
      await eventually(() => screen.eventIds().includes(first.eventId), 'the first event on the screen');
      const cursor = screen.lastCursor() ?? '';

      await redis.kill9();
      expectUnavailable(await request(server, EVENTS, feed, arrival(Date.now() - MIN)));
      expectUnavailable(await request(server, BATCH, feed, { events: [arrival(Date.now() - MIN)] }));
      const ready = await request(server, '/readyz');
      expect(ready).toMatchObject({ status: 503, body: { status: 'unavailable' } });
      expect(ready.status !== 'failed' && ready.retryAfter).toMatch(/^[1-9]\d*$/);

      // The open screen is told to try again later, so the browser shows "reconnecting".
      expect((await closedWithin(screen, 5_000)).code).toBe(CLOSE_CODES.TRY_AGAIN_LATER);
      // Past the credential cache (2 s), checking the token needs the store too: still 503, never 401.
      await sleep(2_100);
      expectUnavailable(await request(server, EVENTS, feed, arrival(Date.now() - MIN)));
      // Its reconnect attempts, and a screen opening now, are turned away with the same code.
      for (const hello of [{ cursor }, {}]) {
        const attempt = live(server.url, { token: viewer, scope: ENGLAND, ...hello });
        expect((await closedWithin(attempt, 5_000)).code).toBe(CLOSE_CODES.TRY_AGAIN_LATER);
        expect(attempt.messages).toEqual([]);
      }

      await redis.restart();
      await waitFor(async () => (await request(server, '/readyz')).status === 200, {
        what: '/readyz 200 again',
        timeoutMs: 10_000,
        intervalMs: 50,
      });
      // Recorded after Redis is back, before the screen gets in again: exactly these must follow its resume.
      const missed = [arrival(Date.now() - MIN), arrival(Date.now() - MIN)];
      for (const event of missed) expect((await request(server, EVENTS, feed, event)).status).toBe(201);
      // The screen retries as the browser does (on 1013, again a moment later) and resumes from its cursor.
      const back = await connectOnceAllowed(server.url, { token: viewer, scope: ENGLAND, cursor });
      await back.next('resumed');
      await eventually(() => back.eventIds().length >= missed.length, 'the missed events');
      const after = arrival(Date.now() - MIN);
      expect((await request(server, EVENTS, feed, after)).status).toBe(201);
      await eventually(() => back.eventIds().includes(after.eventId), 'a new event, live again');
      expect(back.eventIds()).toEqual([...missed, after].map((event) => event.eventId));
      expect(back.messages.some((m) => m.type === 'snapshot')).toBe(false);
      expect(server.pid).toBe(pid);
    } catch (error) {
      throw withOutput(error, server);
    }
  }, 40_000);
});

describe('a server on the file store when its disk fills up', () => {
  it('answers 503 STORE_UNAVAILABLE (not 500), stays up, recovers once there is space, and leaves no half-written line', async (context) => {
    const dir = await mountSmallTmpfs(context);
    let server: ServerProcess | undefined;
    try {
      server = await startServerProcess({ env: UNLIMITED, dataDir: dir.path });
      const pid = server.pid;
      const feed = () => server?.credentials.simulatorFeed.token ?? '';
      const acked: ArrivedEvent[] = [];
      const before = Array.from({ length: 20 }, () => arrival(Date.now() - 10 * MIN));
      for (const event of before) {
        expect((await request(server, EVENTS, feed(), event)).status).toBe(201);
        acked.push(event);
      }
      await fillDisk(join(dir.path, 'filler'));

      // The log's last page may still have room for an event or two; after that, every post is refused.
      const refused: ArrivedEvent[] = [];
      for (let i = 0; i < 60 && refused.length < 10; i++) {
        const event = arrival(Date.now() - 10 * MIN, { callsign: `FULL ${i}` });
        const answer = await request(server, EVENTS, feed(), event);
        if (answer.status === 201) acked.push(event);
        else {
          expectUnavailable(answer);
          refused.push(event);
        }
      }
      expect(refused).toHaveLength(10);
      expect((await request(server, '/healthz')).status).toBe(200);
      expect(server.running).toBe(true);
      expect(server.pid).toBe(pid);

      // Space again: new events and the retried ones are taken (the refused ones were cut back, not kept).
      await rm(join(dir.path, 'filler'));
      for (const event of [...refused, arrival(Date.now() - MIN)]) {
        const answer = await request(server, EVENTS, feed(), event);
        expect(answer.status).toBe(201);
        acked.push(event);
      }
      expect(server.pid).toBe(pid);

      // On disk: whole lines only, each acknowledged event exactly once.
      const text = await readFile(join(dir.path, 'events.log'), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.slice(0, -1).split('\n');
      const records = lines.map((line) => JSON.parse(line) as RecordedEvent);
      expectEachOnce(records, acked);

      // A restart replays it without repairing anything, and serves exactly those events.
      expect(await server.terminate()).toBe(0);
      await server.restart();
      expect(server.output()).not.toContain('torn');
      const ready = await request(server, '/readyz');
      expect(ready).toMatchObject({ status: 200, body: { cursor: records.at(-1)?.cursor } });
      const screen = live(server.url, { token: server.credentials.englandViewer.token, scope: ENGLAND });
      const snapshot = await screen.next('snapshot');
      const shown = snapshot.handovers.flatMap((h) => h.eventIds);
      expect(acked.filter((e) => !shown.includes(e.eventId))).toEqual([]);
    } catch (error) {
      throw withOutput(error, server);
    } finally {
      await server?.dispose();
      await dir.remove();
    }
  }, 40_000);
});

describe('a sender with a skewed clock', () => {
  const NOW = Date.parse('2026-01-12T12:00:00Z');

  it('the batch route refuses, per event, each one stamped 10 minutes ahead (TIMESTAMP_IN_FUTURE), and takes the rest', async () => {
    const t = await startTestApp({ now: () => NOW });
    try {
      const ok = arrival(NOW - 20 * MIN);
      const ahead = arrival(NOW + 10 * MIN);
      const atLimit = arrival(NOW + 2 * MIN); // exactly the allowed skew (120 s)
      const justPast = arrival(NOW + 2 * MIN + 1_000);
      const events = [
        ok,
        ahead,
        follow(ok.handoverId, 'handed_over', NOW + 10 * MIN, { by: 'ed' }),
        atLimit,
        justPast,
      ];
      const logBefore = (await t.store.readAfter(null, 100_000)).length;

      const res = await t.app.inject({
        method: 'POST',
        url: BATCH,
        headers: t.auth('feed'),
        payload: { events },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 3 });
      expect(body.results.map((r: { status: number }) => r.status)).toEqual([201, 422, 422, 201, 422]);
      for (const index of [1, 2, 4]) {
        expect(body.results[index].error).toMatchObject({
          code: 'TIMESTAMP_IN_FUTURE',
          field: `events/${index}/at`,
        });
        // The message tells the sender what to fix, with the server's time to compare against.
        expect(body.results[index].error.message).toContain('2026-01-12T12:00:00.000Z');
      }
      const stored = await t.store.readAfter(null, 100_000);
      expect(stored.slice(logBefore).map((r) => r.event.eventId)).toEqual([ok.eventId, atLimit.eventId]);
      expect(t.app.projection.get(ok.handoverId)?.state).toBe('waiting');
      expect(t.app.projection.get(ahead.handoverId)).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

/**
 * A fresh 512 KiB tmpfs (the server's start-up documents fit; a filler file then fills it), unmounted
 * and removed by `remove`. Skips the test where mounting is not permitted (not root, no CAP_SYS_ADMIN).
 */
async function mountSmallTmpfs(context: TestContext): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await makeTempDir('handover-full-disk-');
  const run = promisify(execFile);
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir.path]);
  } catch (error) {
    await dir.remove();
    context.skip(`needs a small tmpfs to fill, and mounting one is not permitted here: ${String(error)}`);
  }
  return {
    path: dir.path,
    async remove() {
      await run('umount', ['--lazy', dir.path]).catch(() => undefined);
      await dir.remove();
    },
  };
}

/** Writes to `path` until the file system says ENOSPC. */
async function fillDisk(path: string): Promise<void> {
  const handle = await open(path, 'w');
  const chunk = Buffer.alloc(4096, 0x61);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOSPC')) throw error;
  } finally {
    await handle.close();
  }
}
