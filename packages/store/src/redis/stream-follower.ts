import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '@handover/domain';
import type { Redis } from 'ioredis';
import { toError, unavailable } from '../error-message';
import { toStoreError } from './redis-errors';
import { decodeReadReply, type KnownRecord } from './stream-entries';

const BLOCK_MS = 5000;
const BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 2000;

export interface FollowStreamOptions {
  /** A connection of its own: XREAD BLOCK holds it. Closed when the returned function is called. */
  reader: Redis;
  streamKey: string;
  after: string | null;
  onEvents: (events: RecordedEvent[]) => Promise<void> | void;
  onError: ((error: Error) => void) | undefined;
  /** Records this process appended, handed over instead of decoded again. */
  known?: KnownRecord;
}

/**
 * Reads the stream from `after` on with XREAD BLOCK, delivering one batch at a time. It tracks the
 * last id it has seen and never reads from '$', so nothing appended between two reads is missed.
 * Returns the function that stops it.
 */
export function followStream(options: FollowStreamOptions): () => Promise<void> {
  const { reader, streamKey, onEvents } = options;
  const stopped = new AbortController();
  let lastId = options.after ?? '0-0';
  let reading: Promise<unknown> = Promise.resolve();

  const report = (error: unknown): void => {
    try {
      options.onError?.(toError(error));
    } catch {
      // An onError that throws has nowhere left to report to.
    }
  };

  // ioredis reconnects by itself and resends the pending XREAD; tell onError once per outage.
  let outageReported = false;
  reader.on('error', (error: unknown) => {
    if (outageReported || stopped.signal.aborted) return;
    outageReported = true;
    report(unavailable('Lost the Redis stream reader connection', error));
  });
  reader.on('ready', () => {
    outageReported = false;
  });

  const readBatch = async (): Promise<RecordedEvent[]> => {
    reading = reader.call('XREAD', 'COUNT', BATCH_SIZE, 'BLOCK', BLOCK_MS, 'STREAMS', streamKey, lastId);
    const decoded = decodeReadReply(
      await reading,
      (id, problem) => report(new Error(`Skipped stream entry ${id} of ${streamKey}: ${problem}`)),
      options.known,
    );
    if (decoded.lastId !== undefined) lastId = decoded.lastId;
    return decoded.records;
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!stopped.signal.aborted) {
      let records: RecordedEvent[];
      try {
        records = await readBatch();
        failures = 0;
      } catch (error) {
        if (stopped.signal.aborted) return;
        failures += 1;
        report(toStoreError(error, `read the stream ${streamKey}`));
        await sleep(Math.min(100 * 2 ** (failures - 1), MAX_BACKOFF_MS), undefined, {
          signal: stopped.signal,
        }).catch(() => undefined);
        continue;
      }
      if (records.length === 0 || stopped.signal.aborted) continue;
      try {
        await onEvents(records);
      } catch (error) {
        // The handler has seen the batch: delivering it again would break exactly-once, so report and go on.
        report(error);
      }
    }
  };
  void loop();

  // No delivery starts after this; one already running is not waited for (it may be the caller).
  return async () => {
    if (stopped.signal.aborted) return;
    stopped.abort();
    reader.disconnect();
    await reading.catch(() => undefined);
  };
}
