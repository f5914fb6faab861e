import { Redis } from 'ioredis';

/** Runs one command on a connection of its own: for tests that write or inspect Redis behind the store. */
export async function redisCall(
  url: string,
  command: string,
  ...args: (string | number)[]
): Promise<unknown> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await redis.connect();
    return await redis.call(command, ...args);
  } finally {
    redis.disconnect();
  }
}
