import { describe, expect, it } from 'vitest';
import {
  arrivedEvent,
  clearedEvent,
  handedOverEvent,
  MINUTE,
  recorded,
  T0,
  waitingHandover,
} from '../test-support/handover-fixtures';
import { createLiveStore } from './live-store';

describe('live store', () => {
  it('replaces its state with a snapshot and takes the server clock offset', () => {
    const store = createLiveStore();
    store.getState().reset('scope');
    store.getState().snapshot([waitingHandover('a', T0)], '5-0', T0 + 2_000, T0);
    const state = store.getState();
    expect([...state.handovers.keys()]).toEqual(['a']);
    expect(state.cursor).toBe('5-0');
    expect(state.hasSnapshot).toBe(true);
    expect(state.serverOffsetMs).toBe(2_000);
    expect(state.connection.phase).toBe('open');
  });

  it("gives a snapshot's handovers, parsed from JSON, the reducer's one shape", () => {
    const store = createLiveStore();
    const parsed = JSON.parse(JSON.stringify(waitingHandover('a', T0)));
    store.getState().snapshot([parsed], '5-0', T0, T0);
    store.getState().events([recorded(arrivedEvent('b', T0), '6-0')], T0);
    const { handovers } = store.getState();
    const keysOf = (id: string) => Object.keys(handovers.get(id) ?? {});
    expect(keysOf('a')).toStrictEqual(keysOf('b'));
    expect(handovers.get('a')).toEqual(parsed);
  });

  it('applies events after the cursor with the domain reducer and advances the cursor', () => {
    const store = createLiveStore();
    store.getState().snapshot([waitingHandover('a', T0)], '5-0', T0, T0);
    const applied = store
      .getState()
      .events(
        [
          recorded(arrivedEvent('b', T0 + MINUTE), '6-0'),
          recorded(handedOverEvent('a', T0 + 10 * MINUTE), '7-0'),
        ],
        T0 + 11 * MINUTE,
      );
    const state = store.getState();
    expect(applied).toBe(2);
    expect(state.cursor).toBe('7-0');
    expect(state.handovers.get('b')?.state).toBe('waiting');
    expect(state.handovers.get('a')?.state).toBe('handed_over');
    expect(state.handovers.get('a')?.edHandedOverAt).toBe(T0 + 10 * MINUTE);
  });

  it('drops events at or before the cursor it holds, so a resume never doubles one', () => {
    const store = createLiveStore();
    store.getState().snapshot([], '10-0', T0, T0);
    const arrival = recorded(arrivedEvent('a', T0), '11-0');
    store.getState().events([arrival], T0);
    const afterFirst = store.getState().handovers;

    // The same event again (a repeated message) and an older one (before the snapshot).
    const applied = store.getState().events([arrival, recorded(arrivedEvent('old', T0), '9-3')], T0);
    expect(applied).toBe(0);
    expect(store.getState().handovers).toBe(afterFirst);
    expect(store.getState().handovers.has('old')).toBe(false);
    expect(store.getState().cursor).toBe('11-0');
  });

  it('orders cursors numerically, not as text', () => {
    const store = createLiveStore();
    store.getState().snapshot([], '9-0', T0, T0);
    store.getState().events([recorded(arrivedEvent('a', T0), '10-0')], T0);
    expect(store.getState().handovers.has('a')).toBe(true);
    expect(store.getState().cursor).toBe('10-0');
  });

  it('advances past an event the domain refuses (a handover older than the snapshot window)', () => {
    const store = createLiveStore();
    store.getState().snapshot([], '1-0', T0, T0);
    store.getState().events([recorded(clearedEvent('gone', T0), '2-0')], T0);
    expect(store.getState().handovers.size).toBe(0);
    expect(store.getState().cursor).toBe('2-0');
  });

  it('counts any message as hearing from the server', () => {
    const store = createLiveStore();
    store.getState().snapshot([], '1-0', T0, T0);
    store.getState().events([], T0 + 3_000);
    expect(store.getState().connection.lastHeardAt).toBe(T0 + 3_000);
    store.getState().ping(T0 + 5_500, T0 + 5_000);
    expect(store.getState().connection.lastHeardAt).toBe(T0 + 5_000);
    expect(store.getState().serverOffsetMs).toBe(500);
  });

  it("moves its cursor forward to a ping's, never back, and only once it holds a snapshot", () => {
    const store = createLiveStore();
    store.getState().ping(T0, T0, '5-0');
    expect(store.getState().cursor).toBeNull();
    store.getState().snapshot([], '10-0', T0, T0);
    store.getState().ping(T0, T0, '9-5');
    expect(store.getState().cursor).toBe('10-0');
    store.getState().ping(T0, T0, '12-3');
    expect(store.getState().cursor).toBe('12-3');
    store.getState().ping(T0, T0, 'not-a-cursor');
    store.getState().ping(T0, T0);
    expect(store.getState().cursor).toBe('12-3');
  });

  it('keeps the first moment the connection went down while retrying', () => {
    const store = createLiveStore();
    store.getState().snapshot([], '1-0', T0, T0);
    store.getState().disconnected(T0 + 1_000);
    store.getState().connecting(T0 + 2_000);
    store.getState().disconnected(T0 + 3_000);
    const { connection } = store.getState();
    expect(connection.downSince).toBe(T0 + 1_000);
    expect(connection.attempt).toBe(2);
    store.getState().resumed(T0, T0 + 4_000);
    expect(store.getState().connection).toMatchObject({ phase: 'open', downSince: null, attempt: 0 });
  });

  it('forgets finished handovers older than a day, keeping open ones however old', () => {
    const store = createLiveStore();
    const day = 24 * 60 * MINUTE;
    store
      .getState()
      .snapshot(
        [
          waitingHandover('old-closed', T0 - day - MINUTE, { state: 'closed' }),
          waitingHandover('old-open', T0 - day - MINUTE),
          waitingHandover('recent-closed', T0 - MINUTE, { state: 'closed' }),
        ],
        '1-0',
        T0,
        T0,
      );
    store.getState().forgetFinished(T0);
    expect([...store.getState().handovers.keys()].sort()).toEqual(['old-open', 'recent-closed']);
    const before = store.getState().handovers;
    store.getState().forgetFinished(T0 + 2 * MINUTE);
    expect(store.getState().handovers).toBe(before);
  });

  it('sweeps at most once a minute (a sweep reads every handover)', () => {
    const store = createLiveStore();
    const day = 24 * 60 * MINUTE;
    const closed = waitingHandover('closed', T0 - day + MINUTE / 2, { state: 'closed' });
    store.getState().snapshot([closed], '1-0', T0, T0);
    store.getState().forgetFinished(T0);
    expect(store.getState().handovers.has('closed')).toBe(true);
    // A day old 30 s later, but the last sweep was under a minute ago.
    store.getState().forgetFinished(T0 + 40_000);
    expect(store.getState().handovers.has('closed')).toBe(true);
    store.getState().forgetFinished(T0 + MINUTE);
    expect(store.getState().handovers.has('closed')).toBe(false);
  });
});
