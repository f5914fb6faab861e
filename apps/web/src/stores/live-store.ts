import { compareCursors, type Handover, type RecordedEvent, shapedHandover } from '@handover/domain';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyRecordedEvents } from './apply-recorded-events';
import { SharedMap } from './shared-map';

/** Why the server closed the connection for good: the screen says so and does not retry. */
export type RefusalReason = 'unauthorised' | 'forbidden' | 'incompatible';

export type ConnectionPhase = 'idle' | 'connecting' | 'open' | 'closed' | 'refused';

/**
 * What the live client knows about its connection, as facts with times (local Date.now() ms). The
 * state a person sees (live, stale, reconnecting, offline) is derived from these at a given moment.
 */
export interface ConnectionFacts {
  phase: ConnectionPhase;
  refusal: { reason: RefusalReason; message: string } | null;
  /** Last message of any kind from the server. */
  lastHeardAt: number | null;
  /** When the connection was last lost (or first attempted); null while open. */
  downSince: number | null;
  /** Reconnect attempts since the last success. */
  attempt: number;
  /** The server's last close said it cannot record now (its event store is down): it is reachable. */
  recordingPaused: boolean;
}

export interface LiveState {
  /** Which scope the data below belongs to (JSON of the Scope); null before the first connection. */
  scopeKey: string | null;
  /** Shares structure between versions: an event copies a small part of it (see SharedMap). */
  handovers: SharedMap<Handover>;
  cursor: string | null;
  /** True once a snapshot has arrived for `scopeKey`: until then the screen has no data to show. */
  hasSnapshot: boolean;
  /** Server clock minus local clock: timers use Date.now() + offset so every screen shares one clock. */
  serverOffsetMs: number;
  connection: ConnectionFacts;

  /** Forgets everything: a different scope (or credential) starts from a fresh snapshot. */
  reset(scopeKey: string): void;
  connecting(at: number): void;
  snapshot(handovers: readonly Handover[], cursor: string | null, serverTime: number, at: number): void;
  resumed(serverTime: number, at: number): void;
  /** Applies events newer than the cursor; returns how many were new. */
  events(events: readonly RecordedEvent[], at: number): number;
  /** A ping: the server's clock, and the cursor everything in scope has been sent up to. */
  ping(serverTime: number, at: number, cursor?: string): void;
  /** `recordingPaused`: the server closed with "try again later" because it cannot record. */
  disconnected(at: number, recordingPaused?: boolean): void;
  refused(reason: RefusalReason, message: string): void;
  /**
   * Drops finished handovers older than the snapshot window, so a screen left on for weeks stays small.
   * Called on every ping; sweeps at most once a minute.
   */
  forgetFinished(serverNow: number): void;
}

/** The server's snapshot holds open handovers and those of the last 24 hours; a screen keeps the same. */
const KEEP_FINISHED_MS = 24 * 3_600_000;
const SWEEP_EVERY_MS = 60_000;
/** The connection once the server has answered a hello (snapshot or resume) at `at`. */
function opened(connection: ConnectionFacts, at: number): ConnectionFacts {
  return {
    ...connection,
    phase: 'open',
    lastHeardAt: at,
    downSince: null,
    attempt: 0,
    recordingPaused: false,
  };
}

/** As the hello schema requires: a malformed cursor would get the next hello refused. */
const CURSOR = /^\d+-\d+$/;
const FINISHED_STATES = new Set(['closed', 'cancelled']);

const IDLE: ConnectionFacts = {
  phase: 'idle',
  refusal: null,
  lastHeardAt: null,
  downSince: null,
  attempt: 0,
  recordingPaused: false,
};

export function createLiveStore(): StoreApi<LiveState> {
  let lastSweepAt = Number.NEGATIVE_INFINITY;
  return createStore<LiveState>()((set, get) => ({
    scopeKey: null,
    handovers: SharedMap.empty(),
    cursor: null,
    hasSnapshot: false,
    serverOffsetMs: 0,
    connection: IDLE,

    reset: (scopeKey) =>
      set({ scopeKey, handovers: SharedMap.empty(), cursor: null, hasSnapshot: false, connection: IDLE }),

    connecting: (at) =>
      set(({ connection }) => ({
        connection: {
          ...connection,
          phase: 'connecting',
          refusal: null,
          downSince: connection.downSince ?? at,
        },
      })),

    snapshot: (handovers, cursor, serverTime, at) =>
      set(({ connection }) => ({
        // Parsed JSON leaves out absent fields: given the reducer's one shape, figures stay optimised.
        handovers: SharedMap.from(
          handovers.map((handover) => [handover.handoverId, shapedHandover(handover)]),
        ),
        cursor,
        hasSnapshot: true,
        serverOffsetMs: serverTime - at,
        connection: opened(connection, at),
      })),

    resumed: (serverTime, at) =>
      set(({ connection }) => ({
        serverOffsetMs: serverTime - at,
        connection: opened(connection, at),
      })),

    events: (events, at) => {
      const { handovers, cursor, connection } = get();
      const batch = applyRecordedEvents(handovers, cursor, events);
      const heard = { connection: { ...connection, lastHeardAt: at } };
      set(batch.applied > 0 ? { handovers: batch.handovers, cursor: batch.cursor, ...heard } : heard);
      return batch.applied;
    },

    ping: (serverTime, at, cursor) =>
      set(({ connection, cursor: held, hasSnapshot }) => ({
        serverOffsetMs: serverTime - at,
        connection: { ...connection, lastHeardAt: at },
        // Forward only: the server has sent everything in scope up to its cursor (see PingMessage).
        ...(hasSnapshot && cursor !== undefined && CURSOR.test(cursor) && compareCursors(cursor, held) > 0
          ? { cursor }
          : {}),
      })),

    disconnected: (at, recordingPaused = false) =>
      set(({ connection }) => ({
        connection: {
          ...connection,
          phase: 'closed',
          downSince: connection.downSince ?? at,
          attempt: connection.attempt + 1,
          recordingPaused,
        },
      })),

    refused: (reason, message) =>
      set(({ connection }) => ({
        connection: { ...connection, phase: 'refused', refusal: { reason, message } },
      })),

    forgetFinished: (serverNow) => {
      // A sweep reads every handover (a day's, nationally): once a minute is soon enough for a day.
      if (serverNow - lastSweepAt < SWEEP_EVERY_MS) return;
      lastSweepAt = serverNow;
      const { handovers } = get();
      const cutoff = serverNow - KEEP_FINISHED_MS;
      const kept = handovers.update((draft) => {
        for (const handover of handovers.values()) {
          const startedAt = handover.arrivedAt ?? handover.expectedAt ?? 0;
          if (FINISHED_STATES.has(handover.state) && startedAt < cutoff) draft.delete(handover.handoverId);
        }
      });
      if (kept !== handovers) set({ handovers: kept });
    },
  }));
}

/** The page's one live store: the live client writes to it through getState(), views read it with hooks. */
export const liveStore = createLiveStore();

export function useLiveStore<T>(selector: (state: LiveState) => T): T {
  return useStore(liveStore, selector);
}

/** Now on the server's clock (epoch ms), for timers and bands. */
export function serverNow(): number {
  return Date.now() + liveStore.getState().serverOffsetMs;
}
