import { PING_INTERVAL_MS } from '@handover/protocol';
import type { ConnectionFacts } from '../../stores/live-store';

/** What a person is told about the data on screen. */
export type ConnectionState = 'connecting' | 'live' | 'stale' | 'reconnecting' | 'offline' | 'refused';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Time since the server was last heard from; null before it ever was. */
  dataAgeMs: number | null;
  /** Not connected because the server cannot record right now (it is reachable and said so). */
  recordingPaused: boolean;
}

/** Connected but silent this long (three missed pings): the data may be frozen. */
export const STALE_AFTER_MS = 3 * PING_INTERVAL_MS;
/** Disconnected this long without a success: say "offline", not "reconnecting". */
export const OFFLINE_AFTER_MS = 30_000;

export function connectionStatus(facts: ConnectionFacts, now: number): ConnectionStatus {
  const dataAgeMs = facts.lastHeardAt === null ? null : Math.max(0, now - facts.lastHeardAt);
  const state = stateOf(facts, now, dataAgeMs);
  const recordingPaused = facts.recordingPaused && (state === 'reconnecting' || state === 'connecting');
  return { state, dataAgeMs, recordingPaused };
}

function stateOf(facts: ConnectionFacts, now: number, dataAgeMs: number | null): ConnectionState {
  switch (facts.phase) {
    case 'refused':
      return 'refused';
    case 'open':
      return dataAgeMs !== null && dataAgeMs > STALE_AFTER_MS ? 'stale' : 'live';
    default: {
      const downFor = facts.downSince === null ? 0 : now - facts.downSince;
      // "Offline" tells people to check the network: not when the server answered that it cannot record.
      if (downFor > OFFLINE_AFTER_MS && !facts.recordingPaused) return 'offline';
      return facts.lastHeardAt === null ? 'connecting' : 'reconnecting';
    }
  }
}
