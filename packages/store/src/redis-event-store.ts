import type { RecordedEvent } from '@handover/domain';
import { Redis, type RedisOptions } from 'ioredis';
import { parseCursor } from './cursor-format';
import { errorMessage, unavailable } from './error-message';
import type { AppendRequest, AppendResult, EventStore } from './event-store';
import { StoreUnavailableError } from './event-store';
import { decodeRecord, encodeAppendRequest, invalidRequestError, recordOf } from './recorded-event-codec';
import { loadAppendScript, runAppendScript } from './redis/append-script';
import { RedisDocumentStore } from './redis/redis-documents';
import { redisCommand } from './redis/redis-errors';
import { checkServerSettings } from './redis/server-settings';
import { decodeRangeReply } from './redis/stream-entries';
import { followStream } from './redis/stream-follower';

/*
 * Production Redis must run with `appendonly yes`, `appendfsync always` (an acknowledged append is on
 * disk) and `maxmemory-policy noeviction` (no key is ever evicted: a full Redis refuses writes, which
 * the API turns into 503, instead of silently dropping events or idempotency keys).
 */

export interface RedisEventStoreOptions {
  url: string;
  /** The event stream. Default 'handover:events'. */
  streamKey?: string;
  /** Prefix of the idempotency, version and document keys. Default 'handover:'. */
  keyPrefix?: string;
  /** How long an eventId is remembered for duplicate detection. Default 15 days. */
  idempotencyTtlSeconds?: number;
  /** A command without a reply after this long fails with StoreUnavailableError. Default 5000. */
  commandTimeoutMs?: number;
  /** Hears configuration warnings and connection losses and recoveries. */
  onWarning?: (message: string) => void;
}

export interface RedisEventStore extends EventStore {
  readonly kind: 'redis';
}

const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 15 * 24 * 60 * 60;
/** Stands in for the stream id in a record being appended, until Redis assigns one. */
const PENDING_CURSOR = '0-0';

/** Connects, refuses a Redis that may evict keys, loads the append script. */
export async function openRedisEventStore(options: RedisEventStoreOptions): Promise<RedisEventStore> {
  const warn = options.onWarning ?? (() => undefined);
  const redis = new Redis(options.url, {
    lazyConnect: true,
    // The reply shapes narrowed here are RESP2's; nothing in the store needs RESP3.
    protocol: 2,
    // While Redis is down, fail at once (the API answers 503, the sender retries) instead of queueing.
    enableOfflineQueue: false,
    // A command in flight when the connection drops fails rather than being silently resent.
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 5000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    connectionName: 'handover-store',
    // Commands issued in the same turn of the event loop (concurrent appends) go out in one write.
    enableAutoPipelining: true,
  });
  reportConnectionChanges(redis, warn);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw unavailable(`Cannot reach Redis at ${describeUrl(options.url)}`, error);
  }
  try {
    await checkServerSettings(redis, warn);
    await redisCommand('load the append script', () => loadAppendScript(redis));
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return new RedisStore(redis, {
    streamKey: options.streamKey ?? 'handover:events',
    keyPrefix: options.keyPrefix ?? 'handover:',
    idempotencyTtlSeconds: options.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  });
}

interface StoreKeys {
  streamKey: string;
  keyPrefix: string;
  idempotencyTtlSeconds: number;
}

class RedisStore implements RedisEventStore {
  readonly kind = 'redis';
  readonly documents: RedisDocumentStore;
  private readonly pendingAppends = new Set<Promise<unknown>>();
  private readonly unsubscribers = new Set<() => Promise<void>>();
  /**
   * Records this instance appended, until a subscription reads them back: handed over instead of decoded
   * again. One read before its append's reply arrives, or read by no subscription, is decoded as usual
   * and left here until the map is next cleared (see holdOwnAppend).
   */
  private readonly ownAppends = new Map<string, RecordedEvent>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
  ) {
    this.documents = new RedisDocumentStore(redis, keys.keyPrefix);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    if (this.closing) return Promise.reject(closedError());
    const appending = this.appendNow(request);
    this.pendingAppends.add(appending);
    // Inline callbacks, not a named closure: tsx (keepNames) would redefine its name on every append.
    void appending.then(
      () => this.pendingAppends.delete(appending),
      () => this.pendingAppends.delete(appending),
    );
    return appending;
  }

  async readAfter(after: string | null, limit: number): Promise<RecordedEvent[]> {
    if (this.closing) throw closedError();
    if (after !== null) parseCursor(after);
    if (limit <= 0) return [];
    const start = after === null ? '-' : `(${after}`;
    const reply = await redisCommand('read the event stream', () =>
      this.redis.call('XRANGE', this.keys.streamKey, start, '+', 'COUNT', limit),
    );
    return decodeRangeReply(reply, (id, problem) => {
      throw new Error(`Stream entry ${id} of ${this.keys.streamKey} is damaged: ${problem}`);
    }).records;
  }

  subscribe(
    after: string | null,
    onEvents: (events: RecordedEvent[]) => Promise<void> | void,
    onError?: (error: Error) => void,
  ): () => Promise<void> {
    if (this.closing) throw closedError();
    if (after !== null) parseCursor(after);
    const reader = this.redis.duplicate(READER_OPTIONS);
    const stop = followStream({
      reader,
      streamKey: this.keys.streamKey,
      after,
      onEvents,
      onError,
      known: (id) => this.takeOwnAppend(id),
    });
    const unsubscribe = async () => {
      this.unsubscribers.delete(unsubscribe);
      await stop();
    };
    this.unsubscribers.add(unsubscribe);
    return unsubscribe;
  }

  async versionOf(handoverId: string): Promise<string | null> {
    if (this.closing) throw closedError();
    return redisCommand('read a handover version', () => this.redis.get(this.versionKey(handoverId)));
  }

  async ping(): Promise<void> {
    if (this.closing) throw closedError();
    await redisCommand('answer PING', () => this.redis.ping());
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.allSettled(this.pendingAppends);
    await Promise.all([...this.unsubscribers].map((unsubscribe) => unsubscribe()));
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private async appendNow(request: AppendRequest): Promise<AppendResult> {
    // Checked and copied once, before writing; the cursor is filled in once the stream has given it.
    const draft = recordOf(request, PENDING_CURSOR);
    const recordJson = draft && encodeAppendRequest(request);
    if (draft === undefined || recordJson === undefined) throw invalidRequestError();
    const { keyPrefix, streamKey, idempotencyTtlSeconds } = this.keys;
    const reply = await redisCommand('append the event', () =>
      runAppendScript(
        this.redis,
        {
          stream: streamKey,
          idempotency: `${keyPrefix}event:${draft.event.eventId}`,
          version: this.versionKey(draft.event.handoverId),
        },
        { recordJson, idempotencyTtlSeconds, expectedVersion: request.expectedVersion },
      ),
    );
    switch (reply.outcome) {
      case 'conflict':
        return reply;
      case 'appended': {
        const recorded = Object.freeze({ ...draft, cursor: reply.id });
        this.holdOwnAppend(recorded);
        return { outcome: 'appended', recorded };
      }
      case 'duplicate':
        // The original may differ from this request: it is read back from the stream.
        if (reply.recordJson === undefined) {
          throw new Error(
            `Event ${draft.event.eventId} was stored as ${reply.id}, but that stream entry has been trimmed, so its original record cannot be returned`,
          );
        }
        return { outcome: 'duplicate', recorded: readBack(reply.recordJson, reply.id) };
    }
  }

  private holdOwnAppend(recorded: RecordedEvent): void {
    // Bounded: a follower that is down, behind or not there decodes what it reads instead.
    if (this.ownAppends.size >= MAX_HELD_APPENDS) this.ownAppends.clear();
    this.ownAppends.set(recorded.cursor, recorded);
  }

  private takeOwnAppend(id: string): RecordedEvent | undefined {
    const held = this.ownAppends.get(id);
    if (held !== undefined) this.ownAppends.delete(id);
    return held;
  }

  /** Holds the stream id of the handover's last event; the append script checks and sets it. */
  private versionKey(handoverId: string): string {
    return `${this.keys.keyPrefix}version:${handoverId}`;
  }
}

const MAX_HELD_APPENDS = 1_000;

/**
 * The reader blocks in XREAD on its own connection and rides out outages: ioredis reconnects and resends
 * the read; one left queued while Redis is down fails after `blockingTimeout` and the follower retries.
 */
const READER_OPTIONS: Partial<RedisOptions> = {
  lazyConnect: false,
  // XREAD BLOCK holds the connection: nothing may queue behind it.
  enableAutoPipelining: false,
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  commandTimeout: undefined,
  // A client-side guard against a silently dead socket: XREAD BLOCK 5000 fails after 5 s + grace.
  blockingTimeout: 10_000,
  blockingTimeoutGrace: 5000,
  connectionName: 'handover-store-reader',
};

function readBack(recordJson: string, id: string): RecordedEvent {
  const recorded = decodeRecord(recordJson, id);
  if (!recorded) throw new Error(`Stream entry ${id} does not hold a valid record`);
  return recorded;
}

/** Tells `warn` once when the connection is lost and once when it is back. */
function reportConnectionChanges(redis: Redis, warn: (message: string) => void): void {
  let lost = false;
  let ready = false;
  redis.on('error', (error: unknown) => {
    if (lost || !ready) return;
    lost = true;
    warn(`Lost the Redis connection (${errorMessage(error)}); appends fail with 503 until it is back`);
  });
  redis.on('ready', () => {
    if (lost) warn('The Redis connection is back');
    lost = false;
    ready = true;
  });
}

/** The URL without its password, for error messages. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured Redis URL';
  }
}

function closedError(): StoreUnavailableError {
  return new StoreUnavailableError('The Redis event store is closed');
}
