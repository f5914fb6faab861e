import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ArrivedEvent, compareCursors, type RecordedEvent } from '@handover/domain';
import { CLOSE_CODES, type Scope } from '@handover/protocol';
import { openRedisEventStore } from '@handover/store';
import { type RedisServer, startRedisServer } from '@handover/store/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { arrival } from './test-support/events-factory';
import { connectLive, eventually, type LiveTestClient } from './test-support/live-test-client';
import {
  disposeAllServerProcesses,
  runServerUntilExit,
  type ServerProcess,
  startServerProcess,
} from './test-support/server-process';

/*
 * Process-level tests: real server processes, killed and restarted for real. They prove what the
 * in-process tests cannot: durability across kill -9, graceful SIGTERM, and several instances on Redis.
 */

const MIN = 60_000;
const ENGLAND: Scope = { kind: 'england' };
// These tests are about durability and failover, not the per-credential rate limit.
const UNLIMITED = { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '1000000' };

const clients: LiveTestClient[] = [];
/** A live client closed after each test, whatever happens. */
function live(...args: Parameters<typeof connectLive>): LiveTestClient {
  const client = connectLive(...args);
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const client of clients.splice(0)) client.socket.terminate();
});
afterAll(disposeAllServerProcesses);

interface AnswerBody {
  outcome?: string;
  error?: { code?: string };
}
type PostOutcome = { status: number; body: AnswerBody } | { status: 'failed'; reason: string };

/** POST /api/v1/events; a connection that fails before the whole answer arrives is 'failed'. */
async function post(server: ServerProcess, token: string, event: object): Promise<PostOutcome> {
  try {
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: response.status, body: (await response.json()) as AnswerBody };
  } catch (error) {
    return { status: 'failed', reason: failureReason(error) };
  }
}

async function getJson<T>(server: ServerProcess, token: string, path: string) {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** fetch hides the socket error in `cause`: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET... */
function failureReason(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? String(error);
}

interface Attempt {
  event: ArrivedEvent;
  /** performance.now() when the request was sent. */
  sentAt: number;
  outcome: PostOutcome;
}

interface Sender {
  attempts: Attempt[];
  acked(): ArrivedEvent[];
  /** Resolves when every stream has ended (after `stop`, or on its first failure with `untilFailure`). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** `streams` concurrent loops, each posting a fresh arrival as soon as its previous one is answered. */
function startSender(
  server: ServerProcess,
  token: string,
  options: { streams: number; untilFailure?: boolean; makeEvent?: (n: number) => ArrivedEvent },
): Sender {
  const makeEvent = options.makeEvent ?? ((n) => arrival(Date.now() - 5 * MIN, { callsign: `S ${n}` }));
  const attempts: Attempt[] = [];
  let stopped = false;
  let n = 0;
  const stream = async () => {
    while (!stopped) {
      const event = makeEvent(n++);
      const sentAt = performance.now();
      const outcome = await post(server, token, event);
      attempts.push({ event, sentAt, outcome });
      if (outcome.status === 'failed' && options.untilFailure) return;
      // Refusals come back at once: do not spin on them.
      if (outcome.status !== 201) await sleep(5);
    }
  };
  const done = Promise.all(Array.from({ length: options.streams }, stream)).then(() => undefined);
  return {
    attempts,
    acked: () => attempts.filter((a) => a.outcome.status === 201).map((a) => a.event),
    done,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** The file store's log as it is on disk: one JSON record per line. */
async function readFileLog(dataDir: string): Promise<RecordedEvent[]> {
  const text = await readFile(join(dataDir, 'events.log'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Every event a client was sent (in `events` messages), in the order it arrived. */
function delivered(client: LiveTestClient): RecordedEvent[] {
  return client.messages.flatMap((m) => (m.type === 'events' ? m.events : []));
}

function isStrictlyIncreasing(cursors: readonly string[]): boolean {
  return cursors.every((cursor, i) => i === 0 || compareCursors(cursors[i - 1] ?? null, cursor) < 0);
}

/**
 * Checks an acknowledged set against a restarted file-store server: each acknowledged event is in the
 * log exactly once, no event is there twice, and the projection (snapshot and REST) matches the log.
 */
async function expectDurable(server: ServerProcess, acked: readonly ArrivedEvent[]): Promise<void> {
  const log = await readFileLog(server.dataDir);
  const counts = countBy(log.map((r) => r.event.eventId));
  expect(acked.filter((e) => counts.get(e.eventId) !== 1).map((e) => e.eventId)).toEqual([]);
  expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
  expect(isStrictlyIncreasing(log.map((r) => r.cursor))).toBe(true);

  // The projection replayed at start holds exactly the log: every event applied once, nothing else.
  const client = live(server.url, { token: server.credentials.englandViewer.token, scope: ENGLAND });
  const snapshot = await client.next('snapshot');
  expect(snapshot.cursor).toBe(log.at(-1)?.cursor);
  expect(snapshot.handovers.flatMap((h) => h.eventIds).sort()).toEqual(
    log.map((r) => r.event.eventId).sort(),
  );

  const admin = server.credentials.admin.token;
  const list = await getJson<{ total: number }>(server, admin, '/api/v1/handovers?limit=1000');
  expect(list.status).toBe(200);
  expect(list.body.total).toBe(new Set(log.map((r) => r.event.handoverId)).size);
  const views = await Promise.all(
    acked.map((e) =>
      getJson<{ callsign: string; state: string }>(server, admin, `/api/v1/handovers/${e.handoverId}`),
    ),
  );
  const wrong = views.flatMap((view, i) => {
    const event = acked[i];
    return view.status === 200 && view.body.callsign === event?.callsign && view.body.state === 'waiting'
      ? []
      : [{ handoverId: event?.handoverId, status: view.status, body: view.body }];
  });
  expect(wrong).toEqual([]);
}

describe('one process on the file store', () => {
  it('kill -9 mid-stream: every acknowledged event survives exactly once, and retries are duplicates', async () => {
    const server = await startServerProcess({ env: UNLIMITED });
    try {
      const feed = server.credentials.simulatorFeed.token;
      const first = startSender(server, feed, { streams: 6 });
      await eventually(() => first.acked().length >= 300, '300 acknowledged events', 15_000);
      await first.stop();
      expect(first.attempts.filter((a) => a.outcome.status !== 201)).toEqual([]);

      // A further stream, cut off by the kill.
      const second = startSender(server, feed, { streams: 8, untilFailure: true });
      await eventually(() => second.acked().length >= 50, '50 more acknowledged events', 10_000);
      await server.kill9();
      await second.done;
      const unanswered = second.attempts.filter((a) => a.outcome.status === 'failed');
      // Cut off mid-request (reset), not merely refused afterwards: the kill did land mid-stream.
      expect(
        unanswered.some((a) => a.outcome.status === 'failed' && a.outcome.reason !== 'ECONNREFUSED'),
      ).toBe(true);
      expect(
        second.attempts.filter((a) => a.outcome.status !== 201 && a.outcome.status !== 'failed'),
      ).toEqual([]);

      await server.restart();
      // A sender retries what it never heard back about: a stored event answers 200 duplicate, never twice.
      // (Demo mode revoked the previous run's tokens: use this run's.)
      const retried = await Promise.all(
        unanswered.map((a) => post(server, server.credentials.simulatorFeed.token, a.event)),
      );
      expect(retried.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
      await expectDurable(server, [...first.acked(), ...second.acked(), ...unanswered.map((a) => a.event)]);
    } catch (error) {
      throw withOutput(error, server);
    }
  }, 40_000);

  it('SIGTERM: clients get 1012, acknowledged posts are durable, later posts are refused, exit 0 in < 10 s', async () => {
    const server = await startServerProcess({ env: UNLIMITED });
    try {
      const client = live(server.url, { token: server.credentials.englandViewer.token, scope: ENGLAND });
      await client.next('snapshot');
      let closeHeardAt = Number.POSITIVE_INFINITY;
      void client.closed.then(() => {
        closeHeardAt = performance.now();
      });
      const sender = startSender(server, server.credentials.simulatorFeed.token, { streams: 6 });
      await eventually(() => sender.acked().length >= 100, '100 acknowledged events', 10_000);

      const signalledAt = performance.now();
      const exitCode = await server.terminate();
      const shutdownMs = performance.now() - signalledAt;
      const closed = await client.closed;
      // Once the process is gone every stream makes one more attempt: it must find nobody listening.
      await sleep(50);
      await sender.stop();

      expect(closed.code).toBe(CLOSE_CODES.RESTARTING);
      expect(exitCode).toBe(0);
      expect(shutdownMs).toBeLessThan(10_000);
      // Nothing but accepted or "unavailable, retry": no 500 from a half-closed store, for instance.
      const answered = sender.attempts.flatMap((a) =>
        a.outcome.status === 'failed' ? [] : [a.outcome.status],
      );
      expect([...new Set(answered)].filter((s) => s !== 201 && s !== 503)).toEqual([]);
      // A post sent after the clients were told to go must not be acknowledged (and then lost).
      const late = sender.attempts.filter((a) => a.sentAt > closeHeardAt);
      expect(late.length).toBeGreaterThan(0);
      expect(late.filter((a) => a.outcome.status === 201)).toEqual([]);
      const last = late.at(-1)?.outcome;
      expect(last?.status === 'failed' && last.reason).toBe('ECONNREFUSED');

      await server.restart();
      await expectDurable(server, sender.acked());
    } catch (error) {
      throw withOutput(error, server);
    }
  }, 40_000);
});

describe('two instances on one Redis', () => {
  let redis: RedisServer | undefined;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    const env = { ...UNLIMITED, REDIS_URL: redis.url };
    [a, b] = await Promise.all([startServerProcess({ env }), startServerProcess({ env })]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await redis?.stop();
  });

  async function readRedisLog(): Promise<RecordedEvent[]> {
    if (redis === undefined) throw new Error('no redis');
    const store = await openRedisEventStore({ url: redis.url });
    try {
      return await store.readAfter(null, 100_000);
    } finally {
      await store.close();
    }
  }

  it('share credentials, and an event posted to A reaches a client of B within 1 s', async () => {
    try {
      expect(a.credentials.admin.token).not.toBe(b.credentials.admin.token);
      // Credentials live in Redis: a token minted by one instance works on the other at once.
      expect((await getJson(b, a.credentials.simulatorFeed.token, '/api/v1/handovers?limit=1')).status).toBe(
        200,
      );
      expect((await getJson(a, b.credentials.englandViewer.token, '/api/v1/handovers?limit=1')).status).toBe(
        200,
      );
      expect((await getJson(a, 'hvt_aaaaaaaaaaaa_nonsense', '/api/v1/handovers?limit=1')).status).toBe(401);

      const onB = live(b.url, { token: a.credentials.englandViewer.token, scope: ENGLAND });
      await onB.next('snapshot');
      const event = arrival(Date.now() - MIN);
      const sentAt = performance.now();
      expect((await post(a, a.credentials.simulatorFeed.token, event)).status).toBe(201);
      await eventually(() => onB.eventIds().includes(event.eventId), 'the event at B', 1_000);
      expect(performance.now() - sentAt).toBeLessThan(1_000);
    } catch (error) {
      throw withOutput(error, a, b);
    }
  });

  it('kill -9 of A: its clients resume on B from their cursor and see every event once, in order', async () => {
    try {
      const atRrk15 = (r: RecordedEvent) => 'siteCode' in r.event && r.event.siteCode === 'RRK15';
      const viewers = [
        { token: a.credentials.englandViewer.token, scope: ENGLAND, wants: () => true },
        { token: a.credentials.englandViewer.token, scope: ENGLAND, wants: () => true },
        { token: a.credentials.busySiteEd.token, scope: { kind: 'sites', codes: ['RRK15'] }, wants: atRrk15 },
      ] satisfies { token: string; scope: Scope; wants: (r: RecordedEvent) => boolean }[];
      const onA = viewers.map(({ token, scope }) => live(a.url, { token, scope }));
      const snapshots = await Promise.all(onA.map((c) => c.next('snapshot')));

      // One event in three is at RRK15, so the site client's stream is a filtered one.
      const sender = startSender(b, b.credentials.simulatorFeed.token, {
        streams: 2,
        makeEvent: (n) =>
          n % 3 === 0
            ? arrival(Date.now() - 5 * MIN, { callsign: `F ${n}` })
            : arrival(Date.now() - 5 * MIN, {
                callsign: `F ${n}`,
                siteCode: 'R0A02',
                ambulanceTrustCode: 'RX7',
              }),
      });
      await eventually(() => onA.every((c) => c.eventIds().length >= 15), 'events at A', 10_000);
      await a.kill9();
      await Promise.all(onA.map((c) => c.closed));

      // Each client reconnects to B with the last cursor it holds.
      const onB = viewers.map(({ token, scope }, i) =>
        live(b.url, { token, scope, cursor: onA[i]?.lastCursor() ?? undefined }),
      );
      await Promise.all(onB.map((c) => c.next('resumed')));
      const ackedAtResume = sender.acked().length;
      await eventually(() => sender.acked().length >= ackedAtResume + 60, 'more events at B', 10_000);
      await sender.stop();
      expect(sender.attempts.filter((x) => x.outcome.status !== 201)).toEqual([]);

      const log = await readRedisLog();
      const logIds = new Set(log.map((r) => r.event.eventId));
      expect(sender.acked().filter((e) => !logIds.has(e.eventId))).toEqual([]);
      for (const [i, viewer] of viewers.entries()) {
        const before = onA[i];
        const after = onB[i];
        const snapshot = snapshots[i];
        if (!before || !after || !snapshot) throw new Error('missing client');
        const expected = log.filter((r) => compareCursors(r.cursor, snapshot.cursor) > 0 && viewer.wants(r));
        const lastExpected = expected.at(-1)?.cursor ?? null;
        await eventually(
          () => compareCursors(after.lastCursor(), lastExpected) >= 0,
          `client ${i} to reach ${lastExpected}`,
        );
        expect(after.messages[0]?.type).toBe('resumed');
        expect(after.messages.some((m) => m.type === 'snapshot')).toBe(false);
        const seen = [...delivered(before), ...delivered(after)];
        expect(seen.map((r) => r.event.eventId)).toEqual(expected.map((r) => r.event.eventId));
        expect(isStrictlyIncreasing(seen.map((r) => r.cursor))).toBe(true);
        expect(delivered(before).length).toBeGreaterThan(0);
        expect(delivered(after).length).toBeGreaterThan(0);
      }

      // A rejoins after its crash and catches up with the shared log.
      await a.restart();
      const cursorOf = async (server: ServerProcess) =>
        (await getJson<{ cursor: string | null }>(server, '', '/readyz')).body.cursor;
      expect(await cursorOf(a)).toBe(log.at(-1)?.cursor);
      expect(await cursorOf(b)).toBe(log.at(-1)?.cursor);
    } catch (error) {
      throw withOutput(error, a, b);
    }
  }, 40_000);

  it('two conflicting arrivals for one handover, one to each instance: exactly one wins, both agree', async () => {
    try {
      // Normally back since the failover test; not if that one failed half-way.
      if (!a.running) await a.restart();
      const at = Date.now() - 2 * MIN;
      const handoverIds: string[] = [];
      for (let i = 0; i < 10; i++) {
        const handoverId = randomUUID();
        handoverIds.push(handoverId);
        const toA = arrival(at, { handoverId, callsign: `A ${i}` });
        const toB = arrival(at, { handoverId, callsign: `B ${i}` });
        const [fromA, fromB] = await Promise.all([
          post(a, a.credentials.simulatorFeed.token, toA),
          post(b, b.credentials.simulatorFeed.token, toB),
        ]);
        const statuses = [fromA.status, fromB.status];
        expect(statuses.slice().sort()).toEqual([201, 409]);
        const loser = fromA.status === 409 ? fromA : fromB;
        expect(loser.status !== 'failed' && loser.body.error?.code).toBe('HANDOVER_ID_CONFLICT');
        const winner = fromA.status === 201 ? toA : toB;

        const views = await Promise.all(
          [a, b].map((server) =>
            getJson<Record<string, unknown>>(
              server,
              server.credentials.admin.token,
              `/api/v1/handovers/${handoverId}`,
            ),
          ),
        );
        for (const view of views) {
          expect(view.status).toBe(200);
          expect(view.body).toMatchObject({ callsign: winner.callsign, state: 'waiting' });
        }
        // The clock and band move with time; everything else must be identical.
        const stable = ({ clockSeconds: _c, band: _b, ...rest }: Record<string, unknown>) => rest;
        expect(stable(views[0]?.body ?? {})).toEqual(stable(views[1]?.body ?? {}));
      }
      const log = await readRedisLog();
      const arrivalsPerHandover = countBy(
        log.filter((r) => handoverIds.includes(r.event.handoverId)).map((r) => r.event.handoverId),
      );
      expect(handoverIds.map((id) => arrivalsPerHandover.get(id))).toEqual(handoverIds.map(() => 1));
    } catch (error) {
      throw withOutput(error, a, b);
    }
  }, 30_000);

  it('a credential revoked through B: its screen on A is closed with UNAUTHORISED within seconds; others stay', async () => {
    try {
      if (!a.running) await a.restart();
      // Used by no other test here: after this one it no longer works.
      const { token } = b.credentials.ambulanceControl;
      const me = await getJson<{ credentialId: string; scope: Scope }>(a, token, '/api/v1/me');
      const control = live(a.url, { token, scope: me.body.scope });
      const national = live(a.url, { token: b.credentials.englandViewer.token, scope: ENGLAND });
      await Promise.all([control.next('snapshot'), national.next('snapshot')]);
      let closed: { code: number } | undefined;
      void control.closed.then((close) => {
        closed = close;
      });

      const revoked = await fetch(`${b.url}/api/v1/admin/credentials/${me.body.credentialId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${b.credentials.admin.token}` },
        signal: AbortSignal.timeout(10_000),
      });
      expect(revoked.status).toBe(200);
      const revokedAt = performance.now();
      // A reads its screens' credentials from the store every 3 s: one interval, with room for a busy CI.
      await eventually(() => closed !== undefined, 'the control screen on A to close', 10_000);
      expect(performance.now() - revokedAt).toBeLessThan(8_000);
      expect(closed?.code).toBe(CLOSE_CODES.UNAUTHORISED);
      expect(national.socket.readyState).toBe(national.socket.OPEN);
    } catch (error) {
      throw withOutput(error, a, b);
    }
  }, 30_000);
});

describe('start-up without demo mode', () => {
  it('refuses to start with no credential configured, naming how to create one', async () => {
    const result = await runServerUntilExit({ env: {}, timeoutMs: 15_000 });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).not.toBe(0);
    expect(result.exitCode).not.toBeNull();
    expect(result.stderr).toContain('credentials create');
    // A setup mistake gets its explanation, not a stack trace.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toContain('is running');
  });
});

/** A failing process test is far easier to read with what the servers printed. */
function withOutput(error: unknown, ...servers: (ServerProcess | undefined)[]): unknown {
  if (!(error instanceof Error)) return error;
  // Without the demo banner's tokens and blank lines, which say nothing about the failure.
  const output = servers
    .flatMap((s) => s?.output().split('\n') ?? [])
    .filter((line) => line.trim() !== '' && !line.includes('hvt_') && !/^\[\d+ (out|err)\]\s*$/.test(line))
    .join('\n');
  error.message += `\n--- server output ---\n${output.slice(-8_000) || '(none)'}`;
  return error;
}
