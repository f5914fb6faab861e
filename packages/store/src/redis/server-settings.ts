import type { Redis } from 'ioredis';
import { isReplyError, toStoreError } from './redis-errors';

/**
 * Refuses a Redis that may evict keys (acknowledged events would vanish) and warns when it does not
 * sync its append-only file on every write (acknowledged events could be lost in a crash).
 * Managed Redis often disables CONFIG: then it can only warn.
 */
export async function checkServerSettings(redis: Redis, warn: (message: string) => void): Promise<void> {
  const settings = new Map<string, string>();
  try {
    // One parameter per call: CONFIG GET takes several only from Redis 7.
    for (const name of ['maxmemory-policy', 'appendonly', 'appendfsync']) {
      const [key, value]: unknown[] = asArray(await redis.call('CONFIG', 'GET', name));
      if (typeof key === 'string' && typeof value === 'string') settings.set(key, value);
    }
  } catch (error) {
    if (!isReplyError(error)) throw toStoreError(error, 'read its configuration');
    warn(
      `Could not read the Redis configuration (${error.message}). Make sure Redis runs with ` +
        'maxmemory-policy noeviction, appendonly yes and appendfsync always.',
    );
    return;
  }
  const policy = settings.get('maxmemory-policy');
  if (policy !== undefined && policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is ${policy}; the handover store needs noeviction so acknowledged events ` +
        'are never evicted. Set maxmemory-policy noeviction.',
    );
  }
  const appendOnly = settings.get('appendonly');
  const appendFsync = settings.get('appendfsync');
  if (policy === undefined || appendOnly !== 'yes' || appendFsync !== 'always') {
    warn(
      `Redis runs with maxmemory-policy ${policy ?? 'unknown'}, appendonly ${appendOnly ?? 'unknown'} and ` +
        `appendfsync ${appendFsync ?? 'unknown'}: acknowledged events could be lost if Redis crashes. ` +
        'Production needs maxmemory-policy noeviction, appendonly yes and appendfsync always.',
    );
  }
}

function asArray(reply: unknown): unknown[] {
  return Array.isArray(reply) ? reply : [];
}
