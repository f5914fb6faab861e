import { describe, expect, it } from 'vitest';
import type { ConnectionFacts } from '../../stores/live-store';
import { connectionStatus, OFFLINE_AFTER_MS, STALE_AFTER_MS } from './connection-status';

const base: ConnectionFacts = {
  phase: 'open',
  refusal: null,
  lastHeardAt: 1_000,
  downSince: null,
  attempt: 0,
  recordingPaused: false,
};

describe('connection status', () => {
  it('is live while open and heard from recently', () => {
    expect(connectionStatus(base, 1_000 + STALE_AFTER_MS)).toEqual({
      state: 'live',
      dataAgeMs: STALE_AFTER_MS,
      recordingPaused: false,
    });
  });

  it('is stale when open but silent past three pings', () => {
    expect(connectionStatus(base, 1_001 + STALE_AFTER_MS).state).toBe('stale');
  });

  it('is connecting before anything was heard, reconnecting after, offline past 30 s down', () => {
    const down: ConnectionFacts = { ...base, phase: 'closed', lastHeardAt: null, downSince: 0 };
    expect(connectionStatus(down, 5_000).state).toBe('connecting');
    expect(connectionStatus({ ...down, lastHeardAt: 0 }, 5_000).state).toBe('reconnecting');
    expect(connectionStatus({ ...down, lastHeardAt: 0 }, OFFLINE_AFTER_MS + 1).state).toBe('offline');
    expect(connectionStatus(down, OFFLINE_AFTER_MS + 1)).toEqual({
      state: 'offline',
      dataAgeMs: null,
      recordingPaused: false,
    });
  });

  it('while the server says it cannot record: reconnecting with recording paused, never "offline"', () => {
    const paused: ConnectionFacts = { ...base, phase: 'closed', downSince: 0, recordingPaused: true };
    expect(connectionStatus(paused, 5_000)).toEqual({
      state: 'reconnecting',
      dataAgeMs: 4_000,
      recordingPaused: true,
    });
    expect(connectionStatus(paused, 10 * OFFLINE_AFTER_MS).state).toBe('reconnecting');
    // Back and connected: whatever the last close said, it is not paused.
    expect(connectionStatus({ ...paused, phase: 'open' }, 2_000)).toMatchObject({
      state: 'live',
      recordingPaused: false,
    });
  });

  it('is refused once the server has refused', () => {
    expect(connectionStatus({ ...base, phase: 'refused' }, 0).state).toBe('refused');
  });
});
