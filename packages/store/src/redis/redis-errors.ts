import { unavailable } from '../error-message';
import { StoreUnavailableError } from '../event-store';

/** Replies meaning "Redis cannot serve this now" (loading, out of memory, disk error...), not "bad request". */
const UNAVAILABLE_REPLIES = [
  'LOADING',
  'MISCONF',
  'OOM',
  'READONLY',
  'BUSY',
  'MASTERDOWN',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'NOREPLICAS',
];

export function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}

/**
 * Connection failures, timeouts and availability replies become StoreUnavailableError (the API answers
 * 503 and the sender retries); any other reply error is a bug in the request and is thrown as it is.
 */
export function toStoreError(error: unknown, action: string): Error {
  if (error instanceof StoreUnavailableError) return error;
  if (isReplyError(error) && !UNAVAILABLE_REPLIES.some((prefix) => error.message.startsWith(prefix))) {
    return error;
  }
  return unavailable(`Redis could not ${action}`, error);
}

export async function redisCommand<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStoreError(error, action);
  }
}
