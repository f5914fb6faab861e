import type { EventStore } from './event-store';
import { openFileEventStore } from './file-event-store';
import { openRedisEventStore } from './redis-event-store';

export type { AppendRequest, AppendResult, DocumentStore, EventStore } from './event-store';
export { StoreUnavailableError } from './event-store';
export { type FileEventStore, type FileEventStoreOptions, openFileEventStore } from './file-event-store';
export { openRedisEventStore, type RedisEventStore, type RedisEventStoreOptions } from './redis-event-store';

export interface EventStoreConfig {
  /** Set: the Redis store (many server instances). Unset: the file store in `dataDir` (one process). */
  redisUrl?: string;
  dataDir: string;
  onWarning?: (message: string) => void;
}

export function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const { redisUrl, dataDir, onWarning } = config;
  if (redisUrl) return openRedisEventStore({ url: redisUrl, onWarning });
  return openFileEventStore({ dir: dataDir, onWarning });
}
