import { compareCursors, foldEvents } from '@handover/domain';
import { CLOSE_CODES, type Scope } from '@handover/protocol';
import { StoreUnavailableError } from '@handover/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { arrival, follow } from '../test-support/events-factory';
import { connectLive, eventually, type LiveTestClient } from '../test-support/live-test-client';
import { startTestApp, type TestApp } from '../test-support/test-app';

const MIN = 60_000;
let t: TestApp & { url: string };

beforeAll(async () => {
  t = await startTestApp({ listen: true });
});
afterAll(() => t.close());

const rrk15: Scope = { kind: 'sites', codes: ['RRK15'] };
const rya: Scope = { kind: 'ambulance_trust', code: 'RYA' };

/** Records an event through the API of `app` (the shared one by default), as a feed would. */
async function record(event: object, app: TestApp = t) {
  const res = await app.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: app.auth('feed'),
    payload: event,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { cursor: string };
}

/** How the client was closed, or a failure if it is still open after `ms`. */
function closedWithin(client: LiveTestClient, ms = 2_000) {
  return Promise.race([
    client.closed,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms)),
  ]);
}

describe('live stream /ws', () => {
  it('answers hello with a snapshot of the scope, then pushes deltas for that scope only', async () => {
    const here = arrival(Date.now() - 16 * MIN);
    await record(here);
    const client = connectLive(t.url, { token: t.tokens.rrk15Ed, scope: rrk15 });
    const snapshot = await client.next('snapshot');
    expect(snapshot.handovers.map((h) => h.handoverId)).toContain(here.handoverId);
    expect(snapshot.handovers.every((h) => h.siteCode === 'RRK15')).toBe(true);

    const elsewhere = arrival(Date.now() - MIN, { siteCode: 'R0A02', ambulanceTrustCode: 'RX7' });
    const stamp = follow(here.handoverId, 'handed_over', Date.now(), { by: 'crew' });
    await record(elsewhere);
    await record(stamp);
    await eventually(() => client.eventIds().includes(stamp.eventId), 'the stamp to arrive');
    expect(client.eventIds()).not.toContain(elsewhere.eventId);
    client.close();
  });

  it('leaves out of snapshots an open handover older than the amendment window: it can no longer change', async () => {
    const DAY = 24 * 60 * MIN;
    let now = Date.now();
    const clocked = await startTestApp({ listen: true, now: () => now });
    try {
      const forgotten = arrival(now - 60 * MIN, { callsign: 'OLD 1' });
      const recent = arrival(now - 60 * MIN + 13 * DAY, { callsign: 'NEW 1' });
      await record(forgotten, clocked);
      now += 13 * DAY;
      await record(recent, clocked);
      const snapshotAt = async (at: number) => {
        now = at;
        const client = connectLive(clocked.url, { token: clocked.tokens.rrk15Ed, scope: rrk15 });
        const ids = (await client.next('snapshot')).handovers.map((h) => h.handoverId);
        client.close();
        return ids;
      };
      // Within the window both are still open and on screen; a day later the first has left it.
      expect(await snapshotAt(now)).toEqual(
        expect.arrayContaining([forgotten.handoverId, recent.handoverId]),
      );
      const later = await snapshotAt(now + 1 * DAY + MIN);
      expect(later).toContain(recent.handoverId);
      expect(later).not.toContain(forgotten.handoverId);
    } finally {
      await clocked.close();
    }
  });

  it('resumes after a disconnect: exactly the 100 missed events arrive, in order', async () => {
    const first = connectLive(t.url, { token: t.tokens.englandViewer, scope: { kind: 'england' } });
    await first.next('snapshot');
    first.close();
    await first.closed;
    const cursor = t.app.projection.cursor ?? '0-0';

    const missed: string[] = [];
    for (let i = 0; i < 100; i++) {
      const event = arrival(Date.now() - MIN, { callsign: `R ${i}` });
      await record(event);
      missed.push(event.eventId);
    }
    const again = connectLive(t.url, { token: t.tokens.englandViewer, scope: { kind: 'england' }, cursor });
    await again.next('resumed');
    await eventually(() => again.eventIds().length >= 100, '100 resumed events');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(again.eventIds()).toEqual(missed);
    expect(again.messages.some((m) => m.type === 'snapshot')).toBe(false);
    again.close();
  });

  it('a snapshot plus the later deltas equals a full replay of the log', async () => {
    const client = connectLive(t.url, { token: t.tokens.englandViewer, scope: { kind: 'england' } });
    const snapshot = await client.next('snapshot');
    const a = arrival(Date.now() - 30 * MIN);
    await record(a);
    await record(follow(a.handoverId, 'handed_over', Date.now() - 10 * MIN, { by: 'crew' }));
    const last = await record(follow(a.handoverId, 'cleared', Date.now(), {}));
    await eventually(() => client.lastCursor() === last.cursor, 'the last delta');

    // What the browser does: start from the snapshot, apply each delta after its cursor.
    const deltas = client.messages
      .flatMap((m) => (m.type === 'events' ? m.events : []))
      .filter((d) => compareCursors(d.cursor, snapshot.cursor) > 0);
    const replayedFromSnapshot = foldEvents(
      deltas,
      new Map(snapshot.handovers.map((h) => [h.handoverId, h])),
    );
    const fullReplay = foldEvents(await t.store.readAfter(null, 100_000));
    for (const [id, handover] of replayedFromSnapshot) expect(handover).toEqual(fullReplay.get(id));
    expect(replayedFromSnapshot.get(a.handoverId)?.state).toBe('closed');
    client.close();
  });

  it('refuses with a documented close code: incompatible version, unauthorised, scope not allowed', async () => {
    const old = connectLive(t.url, {
      token: t.tokens.englandViewer,
      scope: { kind: 'england' },
      protocolVersion: 0,
    });
    expect((await old.closed).code).toBe(CLOSE_CODES.BAD_MESSAGE);
    const future = connectLive(t.url, {
      token: t.tokens.englandViewer,
      scope: { kind: 'england' },
      protocolVersion: 99,
    });
    expect((await future.closed).code).toBe(CLOSE_CODES.INCOMPATIBLE_VERSION);
    const stranger = connectLive(t.url, { token: 'hvt_nobody_nothing', scope: { kind: 'england' } });
    expect((await stranger.closed).code).toBe(CLOSE_CODES.UNAUTHORISED);
    const nosy = connectLive(t.url, { token: t.tokens.rrk15Ed, scope: { kind: 'england' } });
    expect((await nosy.closed).code).toBe(CLOSE_CODES.SCOPE_FORBIDDEN);
  });

  it.each([
    [{ kind: 'sites', codes: ['ZZZ99'] }, 'Unknown site code ZZZ99'],
    [{ kind: 'sites', codes: ['RRK15', 'ZZZ98', 'ZZZ99'] }, 'Unknown site codes ZZZ98, ZZZ99'],
    [{ kind: 'region', code: 'Y99' }, 'Unknown region code Y99'],
    [{ kind: 'acute_trust', code: 'ZZZ' }, 'Unknown trust code ZZZ'],
    [{ kind: 'ambulance_trust', code: 'ZZ9' }, 'Unknown ambulance trust code ZZ9'],
  ] satisfies [Scope, string][])(
    'refuses a hello for %j, which REST answers 404, naming the code: "%s"',
    async (scope, reason) => {
      const typo = connectLive(t.url, { token: t.tokens.englandViewer, scope });
      expect(await closedWithin(typo)).toEqual({ code: CLOSE_CODES.SCOPE_FORBIDDEN, reason });
      expect(typo.messages).toEqual([]);
    },
  );

  it('says a code is unknown before saying it is outside the credential, and names at most 8 of 50', async () => {
    const board = connectLive(t.url, { token: t.tokens.rrk15Ed, scope: { kind: 'sites', codes: ['ZZZ99'] } });
    expect(await closedWithin(board)).toEqual({
      code: CLOSE_CODES.SCOPE_FORBIDDEN,
      reason: 'Unknown site code ZZZ99',
    });
    // A close reason may have at most 123 bytes: a longer one would fail the close itself.
    const codes = Array.from({ length: 50 }, (_, i) => `ZZ${String(i).padStart(3, '0')}`);
    const many = connectLive(t.url, { token: t.tokens.englandViewer, scope: { kind: 'sites', codes } });
    expect(await closedWithin(many)).toEqual({
      code: CLOSE_CODES.SCOPE_FORBIDDEN,
      reason: 'Unknown site codes ZZ000, ZZ001, ZZ002, ZZ003, ZZ004, ZZ005, ZZ006, ZZ007 and 42 more',
    });
  });

  it.each([
    { kind: 'sites', codes: ['RRK15'] },
    { kind: 'region', code: 'Y56' },
    { kind: 'acute_trust', code: 'RRK' },
    { kind: 'ambulance_trust', code: 'RYA' },
  ] satisfies Scope[])('still answers a hello for known codes: %j', async (scope) => {
    const client = connectLive(t.url, { token: t.tokens.englandViewer, scope });
    await client.next('snapshot');
    client.close();
  });
});

describe('a credential revoked while its screens are open', () => {
  let r: TestApp & { url: string };
  beforeAll(async () => {
    // Trusted for 50 ms, so the hub checks its clients' credentials every 75 ms.
    r = await startTestApp({ listen: true, config: { credentialCacheMs: 50 } });
  });
  afterAll(() => r.close());

  const idOf = (token: string) => token.split('_')[1] ?? '';
  const revoke = async (token: string) => {
    const res = await r.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/credentials/${idOf(token)}`,
      headers: r.auth('admin'),
    });
    expect(res.statusCode).toBe(200);
  };
  const aFewChecks = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('closes its sockets with UNAUTHORISED within a few checks; other credentials stay connected', async () => {
    const boards = [1, 2].map(() => connectLive(r.url, { token: r.tokens.rrk15Ed, scope: rrk15 }));
    const national = connectLive(r.url, { token: r.tokens.englandViewer, scope: { kind: 'england' } });
    for (const client of [...boards, national]) await client.next('snapshot');

    await revoke(r.tokens.rrk15Ed);
    for (const board of boards) {
      expect(await closedWithin(board)).toEqual({
        code: CLOSE_CODES.UNAUTHORISED,
        reason: 'Credential no longer valid',
      });
    }
    await aFewChecks();
    expect(national.socket.readyState).toBe(national.socket.OPEN);
    expect(r.app.liveHub.connectedClients).toBe(1);
    const later = arrival(Date.now() - MIN);
    await record(later, r);
    await eventually(() => national.eventIds().includes(later.eventId), 'the event at the national screen');

    const again = connectLive(r.url, { token: r.tokens.rrk15Ed, scope: rrk15 });
    expect((await again.closed).code).toBe(CLOSE_CODES.UNAUTHORISED);
    national.close();
  });

  it('keeps its sockets while the store cannot say whether the credential is still valid', async () => {
    const control = connectLive(r.url, { token: r.tokens.ryaControl, scope: rya });
    await control.next('snapshot');
    const unreachable = vi
      .spyOn(r.store.documents, 'get')
      .mockRejectedValue(new StoreUnavailableError('store unreachable'));
    try {
      await eventually(
        () => unreachable.mock.calls.length >= 3,
        'three checks that could not read the store',
      );
      await aFewChecks();
      expect(control.socket.readyState).toBe(control.socket.OPEN);
    } finally {
      unreachable.mockRestore();
    }
    // Once the store answers again, a revocation still closes it.
    await revoke(r.tokens.ryaControl);
    expect((await closedWithin(control)).code).toBe(CLOSE_CODES.UNAUTHORISED);
  });
});

describe('clients grouped by scope', () => {
  let g: TestApp & { url: string };
  beforeAll(async () => {
    g = await startTestApp({ listen: true });
  });
  afterAll(() => g.close());

  const post = (event: object) => record(event, g);
  const countOf = (client: LiveTestClient, eventId: string) =>
    client.eventIds().filter((id) => id === eventId).length;

  it('every client of a scope gets each of its events exactly once, however many share it; no other scope does', async () => {
    const boards = [1, 2, 3].map(() => connectLive(g.url, { token: g.tokens.rrk15Ed, scope: rrk15 }));
    const control = connectLive(g.url, { token: g.tokens.ryaControl, scope: rya });
    const national = connectLive(g.url, { token: g.tokens.englandViewer, scope: { kind: 'england' } });
    const all = [...boards, control, national];
    for (const client of all) await client.next('snapshot');
    expect(g.app.liveHub.connectedScopes).toBe(3);

    const atSiteOnly = arrival(Date.now() - MIN, { ambulanceTrustCode: 'RX7' });
    const byRyaElsewhere = arrival(Date.now() - MIN, { siteCode: 'R0A02' });
    await post(atSiteOnly);
    await post(byRyaElsewhere);
    await eventually(() => national.eventIds().length === 2, 'both events at the national screen');
    await eventually(() => boards.every((b) => b.eventIds().length === 1), 'the site event on every board');
    await eventually(() => control.eventIds().length === 1, 'the RYA event in the control room');
    for (const board of boards) expect(board.eventIds()).toEqual([atSiteOnly.eventId]);
    expect(control.eventIds()).toEqual([byRyaElsewhere.eventId]);
    expect(national.eventIds()).toEqual([atSiteOnly.eventId, byRyaElsewhere.eventId]);
    for (const client of all) client.close();
    await eventually(() => g.app.liveHub.connectedClients === 0, 'every client gone');
  });

  it('a closed client leaves its scope; the last one out drops the scope, and a newcomer starts it again', async () => {
    const first = connectLive(g.url, { token: g.tokens.rrk15Ed, scope: rrk15 });
    const second = connectLive(g.url, { token: g.tokens.rrk15Ed, scope: rrk15 });
    const national = connectLive(g.url, { token: g.tokens.englandViewer, scope: { kind: 'england' } });
    for (const client of [first, second, national]) await client.next('snapshot');
    expect([g.app.liveHub.connectedClients, g.app.liveHub.connectedScopes]).toEqual([3, 2]);

    first.close();
    await eventually(() => g.app.liveHub.connectedClients === 2, 'the first board gone');
    expect(g.app.liveHub.connectedScopes).toBe(2);
    const one = arrival(Date.now() - MIN);
    await post(one);
    await eventually(() => countOf(second, one.eventId) === 1, 'the event at the board still open');

    second.close();
    await eventually(() => g.app.liveHub.connectedClients === 1, 'the second board gone');
    expect(g.app.liveHub.connectedScopes).toBe(1);
    const two = arrival(Date.now() - MIN);
    await post(two);
    await eventually(() => countOf(national, two.eventId) === 1, 'the event at the national screen');

    const newcomer = connectLive(g.url, { token: g.tokens.rrk15Ed, scope: rrk15 });
    await newcomer.next('snapshot');
    expect(g.app.liveHub.connectedScopes).toBe(2);
    const three = arrival(Date.now() - MIN);
    await post(three);
    await eventually(() => countOf(newcomer, three.eventId) === 1, 'the event at the new board');
    expect(first.eventIds()).toEqual([]);
    expect(countOf(second, two.eventId) + countOf(second, three.eventId)).toBe(0);
    newcomer.close();
    national.close();
  });
});

describe('while the store is unavailable', () => {
  it('closes every client with TRY_AGAIN_LATER (1013), refuses hellos with it, and lets clients resume from their cursor once it is back', async () => {
    const u = await startTestApp({ listen: true });
    try {
      const hub = u.app.liveHub;
      const post = (event: object) => record(event, u);
      const screen = connectLive(u.url, { token: u.tokens.rrk15Ed, scope: rrk15 });
      await screen.next('snapshot');
      const seen = arrival(Date.now() - MIN);
      await post(seen);
      await eventually(() => screen.eventIds().includes(seen.eventId), 'the event on the screen');
      const cursor = screen.lastCursor() ?? '';

      hub.setStoreAvailable(false);
      expect((await screen.closed).code).toBe(CLOSE_CODES.TRY_AGAIN_LATER);
      expect([hub.connectedClients, hub.connectedScopes]).toEqual([0, 0]);
      const retrying = connectLive(u.url, { token: u.tokens.rrk15Ed, scope: rrk15, cursor });
      expect((await retrying.closed).code).toBe(CLOSE_CODES.TRY_AGAIN_LATER);
      expect(retrying.messages).toEqual([]);

      // Recorded while the screens were away (the hub is told directly here; faults.test.ts kills Redis).
      const missed = [arrival(Date.now() - MIN), arrival(Date.now() - MIN)];
      for (const event of missed) await post(event);
      hub.setStoreAvailable(true);
      const back = connectLive(u.url, { token: u.tokens.rrk15Ed, scope: rrk15, cursor });
      await back.next('resumed');
      await eventually(() => back.eventIds().length === 2, 'the missed events');
      expect(back.eventIds()).toEqual(missed.map((event) => event.eventId));
      expect(back.messages.some((m) => m.type === 'snapshot')).toBe(false);
      back.close();
    } finally {
      await u.close();
    }
  });
});

describe('a client too slow to keep up', () => {
  it('is closed with TOO_SLOW instead of buffering without bound, and resumes on reconnect', async () => {
    const small = await startTestApp({ listen: true, config: { maxClientBufferBytes: 262_144 } });
    try {
      const slow = connectLive(small.url, { token: small.tokens.englandViewer, scope: { kind: 'england' } });
      const snapshot = await slow.next('snapshot');
      slow.socket.pause(); // stops reading: kernel buffers fill, then the server's unsent bytes grow
      const fast = connectLive(small.url, { token: small.tokens.englandViewer, scope: { kind: 'england' } });
      await fast.next('snapshot');
      expect(small.app.liveHub.connectedClients).toBe(2);
      let sent = 0;
      // The paused client cannot read its close frame, so watch the server's side of it.
      for (let batch = 0; batch < 2_000 && small.app.liveHub.connectedClients === 2; batch++) {
        const events = Array.from({ length: 100 }, () => arrival(Date.now() - MIN));
        await small.app.inject({
          method: 'POST',
          url: '/api/v1/events/batch',
          headers: small.auth('feed'),
          payload: { events },
        });
        sent += events.length;
        // The test shares the server's event loop: let the well-behaved client read between batches.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      slow.socket.resume();
      expect((await slow.closed).code).toBe(CLOSE_CODES.TOO_SLOW);
      // Cut off from its scope, which stays for the client still in it.
      expect(small.app.liveHub.connectedScopes).toBe(1);
      // The well-behaved client on the same scope was not held back, nor cut off.
      expect(fast.socket.readyState).toBe(fast.socket.OPEN);
      await eventually(
        () => fast.eventIds().length === sent,
        `every event at the fast client (${fast.eventIds().length} of ${sent}, ${new Set(fast.eventIds()).size} distinct)`,
        10_000,
      );
      const back = connectLive(small.url, {
        token: small.tokens.englandViewer,
        scope: { kind: 'england' },
        cursor: snapshot.cursor,
      });
      await back.next('resumed');
      await eventually(
        () => back.eventIds().length === sent,
        'the slow client to catch up after resuming',
        10_000,
      );
      back.close();
      fast.close();
    } finally {
      await small.close();
    }
  }, 120_000);
});

describe('a herd of screens joining', () => {
  it('sends events in batches while it joins, and every screen gets each event after its snapshot once, in order', async () => {
    const england: Scope = { kind: 'england' };
    const screens: { client: LiveTestClient; from: Promise<string> }[] = [];
    const join = () => {
      const client = connectLive(t.url, { token: t.tokens.englandViewer, scope: england });
      screens.push({ client, from: client.next('snapshot', 15_000).then((snapshot) => snapshot.cursor) });
    };
    // 250 hellos at once, as when an instance is lost; events are recorded one by one (each applied on
    // its own) while they are answered, and for a little after, with a few more screens joining.
    for (let i = 0; i < 250; i++) join();
    let allIn = false;
    void Promise.all(screens.map((s) => s.from)).then(() => {
      allIn = true;
    });
    const recorded: { eventId: string; cursor: string }[] = [];
    for (let after = 0; after < 20; after += allIn ? 1 : 0) {
      const event = arrival(Date.now() - MIN, { callsign: `H ${recorded.length}` });
      recorded.push({ eventId: event.eventId, cursor: (await record(event)).cursor });
      if (recorded.length % 10 === 0) join();
    }
    const froms = await Promise.all(screens.map((s) => s.from));
    // One more, after every snapshot: every screen must hear it.
    const closing = arrival(Date.now() - MIN, { callsign: 'H end' });
    recorded.push({ eventId: closing.eventId, cursor: (await record(closing)).cursor });
    await eventually(
      () => screens.every((s) => s.client.eventIds().includes(closing.eventId)),
      'the last event on every screen',
      15_000,
    );

    const ours = new Set(recorded.map((r) => r.eventId));
    screens.forEach(({ client }, i) => {
      // Its snapshot holds what came before it; the stream brings exactly what came after.
      const after = recorded.filter((r) => compareCursors(r.cursor, froms[i] ?? null) > 0);
      expect(client.eventIds().filter((id) => ours.has(id))).toEqual(after.map((r) => r.eventId));
    });
    // Applied one by one, but held back and sent together: some message carried several at once.
    const batchSizes = screens.flatMap(({ client }) =>
      client.messages.flatMap((m) =>
        m.type === 'events' ? [m.events.filter((e) => ours.has(e.event.eventId)).length] : [],
      ),
    );
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    for (const { client } of screens) client.close();
  });
});

describe('pings carry the cursor', () => {
  it('a client whose scope is quiet hears the latest cursor, and resuming from it sends exactly what followed', async () => {
    const quick = await startTestApp({ listen: true, config: { livePingIntervalMs: 100 } });
    try {
      const post = (event: object) => record(event, quick);
      const elsewhere = () => arrival(Date.now() - MIN, { siteCode: 'R0A02', ambulanceTrustCode: 'RX7' });
      const board = connectLive(quick.url, { token: quick.tokens.rrk15Ed, scope: rrk15 });
      const snapshot = await board.next('snapshot');
      let last = { cursor: snapshot.cursor };
      for (let i = 0; i < 20; i++) last = await post(elsewhere());
      const pinged = () => board.messages.some((m) => m.type === 'ping' && m.cursor === last.cursor);
      await eventually(pinged, 'a ping carrying the cursor of the last event elsewhere');
      expect(board.eventIds()).toEqual([]);
      board.close();
      await board.closed;

      const here = arrival(Date.now() - MIN);
      await post(elsewhere());
      await post(here);
      await post(elsewhere());
      const again = connectLive(quick.url, {
        token: quick.tokens.rrk15Ed,
        scope: rrk15,
        cursor: last.cursor,
      });
      await again.next('resumed');
      await eventually(() => again.eventIds().length > 0, 'the missed event');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(again.eventIds()).toEqual([here.eventId]);
      again.close();
    } finally {
      await quick.close();
    }
  });
});

describe('shutdown', () => {
  it('tells every client to reconnect with RESTARTING (1012) when the server closes', async () => {
    const closing = await startTestApp({ listen: true });
    const client = connectLive(closing.url, {
      token: closing.tokens.englandViewer,
      scope: { kind: 'england' },
    });
    await client.next('snapshot');
    await closing.close();
    expect((await client.closed).code).toBe(CLOSE_CODES.RESTARTING);
  });
});
