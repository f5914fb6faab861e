import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';

/**
 * What stalled during a measurement, beside the product's own work: a tail latency of hundreds of ms in one
 * run and not the next says little until it is known whether the whole machine stopped or Redis's
 * fsync did (appendfsync always waits for the disk on every write).
 */
export interface Stalls {
  /**
   * Longest time a thread that only wakes every few ms woke late: the whole machine paused (or was so
   * overloaded that an almost idle thread waited that long for a core).
   */
  machinePauseMs: number;
  /**
   * Redis's own latency monitor: each kind of event over NOTABLE_STALL_MS, its longest in ms. Mostly
   * fsyncs (`aof-fsync-always`); `command` is a slow command, which may be the product's own. Undefined
   * where no Redis ran, or its monitor could not be read.
   */
  redis?: Record<string, number>;
}

const TICK_MS = 5;
/** Below this, lateness is ordinary scheduling on 2 busy cores. */
export const NOTABLE_STALL_MS = 50;

// A plain script (eval: true), so it needs no loader: it records its largest lateness in the shared slot.
const WATCHER_SOURCE = `
const { workerData } = require('node:worker_threads');
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = Math.round(now - last - ${TICK_MS});
  last = now;
  // The only writer; a window's start may reset the slot to 0 between these two steps, which at worst
  // counts a lateness that straddles the reset in the new window.
  if (late > Atomics.load(workerData, 0)) Atomics.store(workerData, 0, late);
}, ${TICK_MS});
`;

/** The watcher thread's slot: its largest lateness, in ms, since the slot was last reset. */
let lateness: Promise<Int32Array> | undefined;

/** Starts the watcher thread once, resolving when it runs (so the first window is watched whole). */
function pauseWatcher(): Promise<Int32Array> {
  if (lateness === undefined) {
    const slot = new Int32Array(new SharedArrayBuffer(4));
    // No inherited flags (a loader, --input-type=module): the source is a plain CommonJS script.
    const worker = new Worker(WATCHER_SOURCE, { eval: true, workerData: slot, execArgv: [] });
    worker.on('error', (error) => console.warn(`stall watch: the watcher thread failed: ${error}`));
    // Kept referenced until it runs, so that a caller with nothing else pending does not exit meanwhile.
    lateness = once(worker, 'online').then(() => {
      worker.unref();
      return slot;
    });
  }
  return lateness;
}

/**
 * Watches one measurement window: `start` it when the window opens, `stop` when it closes. Windows run
 * one after another (they share the watcher thread). Redis, when given, has its latency monitor turned
 * on and emptied for the window.
 */
export class StallWatch {
  private constructor(
    private readonly latest: Int32Array,
    private readonly redis: Redis | undefined,
  ) {}

  static async start(redisUrl?: string): Promise<StallWatch> {
    const redis = redisUrl === undefined ? undefined : await watchRedis(redisUrl);
    const latest = await pauseWatcher();
    Atomics.store(latest, 0, 0);
    return new StallWatch(latest, redis);
  }

  async stop(): Promise<Stalls> {
    // A pause ending just now is seen at the watcher's next tick.
    await sleep(2 * TICK_MS);
    const machinePauseMs = Atomics.load(this.latest, 0);
    const { redis } = this;
    if (redis === undefined) return { machinePauseMs };
    try {
      // Each entry: [event, time of its latest spike, latest ms, longest ms].
      const latest = (await redis.call('LATENCY', 'LATEST')) as [string, number, number, number][];
      return {
        machinePauseMs,
        redis: Object.fromEntries(latest.map(([event, , , longest]) => [event, longest])),
      };
    } catch {
      return { machinePauseMs };
    } finally {
      redis.disconnect();
    }
  }
}

/** A connection with the latency monitor on and emptied; undefined if Redis would not have it (a diagnostic only). */
async function watchRedis(url: string): Promise<Redis | undefined> {
  // Never retries: a window that fails leaves this connection behind, and its Redis is about to stop.
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    commandTimeout: 2_000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.config('SET', 'latency-monitor-threshold', String(NOTABLE_STALL_MS));
    await redis.call('LATENCY', 'RESET');
    return redis;
  } catch {
    redis.disconnect();
    return undefined;
  }
}

/** "machine paused 640 ms, Redis aof-fsync-always 580 ms", or '' when nothing stalled notably. */
export function describeStalls(stalls: Stalls | undefined): string {
  if (stalls === undefined) return '';
  const parts = Object.entries(stalls.redis ?? {}).map(([event, ms]) => `Redis ${event} ${ms} ms`);
  if (stalls.machinePauseMs >= NOTABLE_STALL_MS) parts.unshift(`machine paused ${stalls.machinePauseMs} ms`);
  return parts.join(', ');
}

/** '; stalled: machine paused 640 ms', or '' when nothing stalled notably: for a log line. */
export function stallClause(stalls: Stalls | undefined): string {
  const described = describeStalls(stalls);
  return described === '' ? '' : `; stalled: ${described}`;
}
