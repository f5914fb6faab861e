import { CLOSE_CODES, PING_INTERVAL_MS, PROTOCOL_VERSION } from '@handover/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveStore } from '../../stores/live-store';
import { socketFactory } from '../../test-support/fake-socket';
import { arrivedEvent, MINUTE, recorded, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { LiveClient } from './live-client';

const scope = { kind: 'sites' as const, codes: ['RRK15'] };

function setUp(random = () => 0) {
  const store = createLiveStore();
  const sockets = socketFactory();
  const client = new LiveClient({
    url: 'ws://test/ws',
    token: 'hvt_x',
    scope,
    store,
    createSocket: sockets.create,
    random,
  });
  return { store, sockets, client };
}

describe('live client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says hello with its version, credential and scope, and loads the snapshot', () => {
    const { store, sockets, client } = setUp();
    client.start();
    const socket = sockets.latest();
    expect(socket.url).toBe('ws://test/ws');
    expect(store.getState().connection.phase).toBe('connecting');
    socket.open();
    expect(socket.sent).toEqual([
      { type: 'hello', protocolVersion: PROTOCOL_VERSION, token: 'hvt_x', scope },
    ]);

    socket.receive({
      type: 'snapshot',
      cursor: '3-0',
      serverTime: T0 + 1_500,
      handovers: [waitingHandover('a', T0)],
    });
    expect(store.getState().hasSnapshot).toBe(true);
    expect(store.getState().cursor).toBe('3-0');
    expect(store.getState().serverOffsetMs).toBe(1_500);
    client.stop();
  });

  it('reconnects after a dropped connection with backoff and resumes from its cursor', () => {
    const { store, sockets, client } = setUp(() => 0.5);
    client.start();
    sockets.latest().open();
    sockets.latest().receive({ type: 'snapshot', cursor: '3-0', serverTime: T0, handovers: [] });
    sockets.latest().receive({ type: 'events', events: [recorded(arrivedEvent('a', T0), '4-0')] });

    sockets.latest().serverClose(1006);
    expect(store.getState().connection.phase).toBe('closed');
    expect(sockets.sockets).toHaveLength(1);
    // First retry: between 0.5 s and 1 s, here halfway.
    vi.advanceTimersByTime(749);
    expect(sockets.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.sockets).toHaveLength(2);

    const second = sockets.latest();
    second.open();
    expect(second.sent[0]).toMatchObject({ type: 'hello', cursor: '4-0' });
    second.receive({ type: 'resumed', cursor: '4-0', serverTime: T0 });
    // The resume repeats an event the client already holds, then sends a new one.
    second.receive({
      type: 'events',
      events: [recorded(arrivedEvent('a', T0), '4-0'), recorded(arrivedEvent('b', T0 + MINUTE), '5-0')],
    });
    expect([...store.getState().handovers.keys()]).toEqual(['a', 'b']);
    expect(store.getState().cursor).toBe('5-0');
    expect(store.getState().connection.phase).toBe('open');
    client.stop();
  });

  it('backs off exponentially with full jitter, capped at 15 seconds', () => {
    const { sockets, client } = setUp(() => 0.999_999);
    client.start();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const before = sockets.sockets.length;
      sockets.latest().serverClose(1006);
      let waited = 0;
      while (sockets.sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    client.stop();
  });

  it.each([
    [CLOSE_CODES.UNAUTHORISED, 'unauthorised'],
    [CLOSE_CODES.SCOPE_FORBIDDEN, 'forbidden'],
    [CLOSE_CODES.INCOMPATIBLE_VERSION, 'incompatible'],
  ] as const)('stops on close code %i and reports it as %s, without a retry loop', (code, reason) => {
    const { store, sockets, client } = setUp();
    client.start();
    sockets.latest().open();
    sockets.latest().serverClose(code);
    expect(store.getState().connection.phase).toBe('refused');
    expect(store.getState().connection.refusal?.reason).toBe(reason);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
    expect(client.isRunning).toBe(false);
  });

  it('stops for good when its credential is revoked while it streams (UNAUTHORISED after the snapshot)', () => {
    const { store, sockets, client } = setUp();
    client.start();
    sockets.latest().open();
    sockets.latest().receive({ type: 'snapshot', cursor: '3-0', serverTime: T0, handovers: [] });
    sockets.latest().receive({ type: 'ping', serverTime: T0 + 5_000, cursor: '3-0' });

    sockets.latest().serverClose(CLOSE_CODES.UNAUTHORISED);
    expect(store.getState().connection).toMatchObject({
      phase: 'refused',
      refusal: { reason: 'unauthorised' },
    });
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
    expect(client.isRunning).toBe(false);
    expect(client.wasRefused).toBe(true);
  });

  it.each([CLOSE_CODES.RESTARTING, CLOSE_CODES.TRY_AGAIN_LATER, CLOSE_CODES.TOO_SLOW, 1006])(
    'reconnects after close code %i',
    (code) => {
      const { sockets, client } = setUp();
      client.start();
      sockets.latest().open();
      sockets.latest().serverClose(code);
      vi.advanceTimersByTime(500);
      expect(sockets.sockets).toHaveLength(2);
      client.stop();
    },
  );

  it('on "try again later" (1013) notes that recording is paused, keeps retrying, and resumes from its cursor', () => {
    const { store, sockets, client } = setUp();
    client.start();
    sockets.latest().open();
    sockets.latest().receive({ type: 'snapshot', cursor: '3-0', serverTime: T0, handovers: [] });

    sockets.latest().serverClose(CLOSE_CODES.TRY_AGAIN_LATER);
    expect(store.getState().connection).toMatchObject({ phase: 'closed', recordingPaused: true });
    // Refused again while the server still cannot record: still paused, still retrying.
    vi.advanceTimersByTime(500);
    sockets.latest().open();
    sockets.latest().serverClose(CLOSE_CODES.TRY_AGAIN_LATER);
    expect(store.getState().connection).toMatchObject({ recordingPaused: true, attempt: 2 });
    expect(client.isRunning).toBe(true);

    vi.advanceTimersByTime(500);
    const back = sockets.latest();
    expect(sockets.sockets).toHaveLength(3);
    back.open();
    expect(back.sent[0]).toMatchObject({ type: 'hello', cursor: '3-0' });
    back.receive({ type: 'resumed', cursor: '3-0', serverTime: T0 });
    expect(store.getState().connection).toMatchObject({ phase: 'open', recordingPaused: false });
    client.stop();
  });

  it('a plain network drop after a pause is no longer a pause', () => {
    const { store, sockets, client } = setUp();
    client.start();
    sockets.latest().open();
    sockets.latest().serverClose(CLOSE_CODES.TRY_AGAIN_LATER);
    vi.advanceTimersByTime(500);
    sockets.latest().serverClose(1006);
    expect(store.getState().connection.recordingPaused).toBe(false);
    client.stop();
  });

  it('asks for a fresh snapshot when it never had one for this scope', () => {
    const { store, sockets, client } = setUp();
    store.getState().reset(JSON.stringify(scope));
    client.start();
    sockets.latest().open();
    sockets.latest().serverClose(1006);
    vi.advanceTimersByTime(500);
    sockets.latest().open();
    expect(sockets.latest().sent[0]).not.toHaveProperty('cursor');
    client.stop();
  });

  it('drops a connection that has gone silent and reconnects', () => {
    const { sockets, client } = setUp();
    client.start();
    const first = sockets.latest();
    first.open();
    first.receive({ type: 'snapshot', cursor: '1-0', serverTime: T0, handovers: [] });
    vi.advanceTimersByTime(5 * PING_INTERVAL_MS);
    expect(first.closedByClient).toBe(4000);
    vi.advanceTimersByTime(500);
    expect(sockets.sockets).toHaveLength(2);
    client.stop();
  });

  it('keeps a connection that hears pings', () => {
    const { store, sockets, client } = setUp();
    client.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive({ type: 'snapshot', cursor: '1-0', serverTime: T0, handovers: [] });
    for (let i = 1; i <= 10; i++) {
      vi.advanceTimersByTime(PING_INTERVAL_MS);
      socket.receive({ type: 'ping', serverTime: T0 + i * PING_INTERVAL_MS + 250 });
    }
    expect(socket.closedByClient).toBeUndefined();
    expect(store.getState().serverOffsetMs).toBe(250);
    client.stop();
  });

  it('ignores messages it does not understand', () => {
    const { store, sockets, client } = setUp();
    client.start();
    sockets.latest().open();
    sockets.latest().receive('not json');
    sockets.latest().receive('{"type":"surprise"}');
    expect(store.getState().hasSnapshot).toBe(false);
    client.stop();
  });

  it('skips the rest of the backoff when the network comes back', () => {
    const { sockets, client } = setUp(() => 0.999);
    client.start();
    for (let i = 0; i < 4; i++) {
      sockets.latest().serverClose(1006);
      vi.advanceTimersByTime(15_000);
    }
    sockets.latest().serverClose(1006);
    const before = sockets.sockets.length;
    window.dispatchEvent(new Event('online'));
    expect(sockets.sockets).toHaveLength(before + 1);
    client.stop();
  });

  it('closes its socket and schedules nothing once stopped', () => {
    const { sockets, client } = setUp();
    client.start();
    sockets.latest().open();
    client.stop();
    expect(sockets.latest().closedByClient).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
  });
});
