import type { Actor, HandoverEvent, RecordedEvent } from '@handover/domain';

/**
 * The store seam. Two implementations, one contract (see contract.test-suite.ts):
 * the embedded file store (default, one process) and the Redis store (many server instances).
 *
 * Cursors are strings of the form "<ms>-<seq>" (Redis stream ids; the file store uses "<n>-0"),
 * totally ordered by `compareCursors` (from @handover/domain). Every event ever appended gets exactly one cursor.
 */
export interface EventStore {
  readonly kind: 'file' | 'redis';

  /**
   * Appends one event, atomically with its idempotency key (the eventId), and resolves only once the
   * event is durable (fsynced / acknowledged by Redis with AOF). Outcomes:
   * - `appended`: written now, with its new cursor.
   * - `duplicate`: this eventId was already stored; nothing is written and the ORIGINAL record is
   *   returned (same cursor, recordedAt and actor as the first time).
   * - `conflict`: optimistic concurrency. `expectedVersion` is the cursor of the last event of this
   *   handover that the caller validated against (null: the caller believes the handover has no
   *   events). If the store's current version of the handover differs, nothing is written and the
   *   current version is returned so the caller can catch up and validate again. This keeps two
   *   server instances from accepting events that contradict each other.
   */
  append(request: AppendRequest): Promise<AppendResult>;

  /** Events with cursor strictly after `after` (null: from the start), in log order, at most `limit`. */
  readAfter(after: string | null, limit: number): Promise<RecordedEvent[]>;

  /**
   * Calls `onEvents` with every event after `after`, in order, including events appended later by this
   * or any other process sharing the store, until the returned function is called. Batches arrive
   * one at a time (the next call waits for the previous promise). `onError` hears read failures; the
   * subscription keeps retrying from its last cursor.
   */
  subscribe(
    after: string | null,
    onEvents: (events: RecordedEvent[]) => Promise<void> | void,
    onError?: (error: Error) => void,
  ): () => Promise<void>;

  /**
   * The handover's version as `append` checks it: the cursor of its last appended event, or null when it
   * has none. Read from the store itself, so it may be ahead of what this process's subscription has
   * delivered yet (another instance wrote since): a caller can wait for its subscription to get there.
   */
  versionOf(handoverId: string): Promise<string | null>;

  /** Small durable documents (frozen reports, credentials). */
  documents: DocumentStore;

  /** Resolves when the store is reachable and writable; rejects with the reason otherwise. */
  ping(): Promise<void>;

  /** Stops subscriptions and releases files and connections. Pending appends finish first. */
  close(): Promise<void>;
}

export interface AppendRequest {
  event: HandoverEvent;
  actor: Actor;
  /** When the server received it (ISO 8601, UTC); kept as the record's `recordedAt`. */
  recordedAt: string;
  /** See `EventStore.append`. Undefined: no concurrency check (tests, imports). */
  expectedVersion?: string | null;
}

export type AppendResult =
  | { outcome: 'appended'; recorded: RecordedEvent }
  | { outcome: 'duplicate'; recorded: RecordedEvent }
  | { outcome: 'conflict'; currentVersion: string | null };

export interface DocumentStore {
  /** Stores `value` under collection/key only if absent; true when this call stored it. Atomic across processes. */
  putIfAbsent(collection: string, key: string, value: unknown): Promise<boolean>;
  /** Stores or replaces. */
  put(collection: string, key: string, value: unknown): Promise<void>;
  get<T = unknown>(collection: string, key: string): Promise<T | undefined>;
  /** Every document of a collection, ordered by key. */
  list<T = unknown>(collection: string): Promise<{ key: string; value: T }[]>;
  delete(collection: string, key: string): Promise<void>;
}

/** Thrown by every method when the backing store cannot be reached or written (the API answers 503). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
