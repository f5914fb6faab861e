import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';

/**
 * What stalled during a measurement, other than the product: a tail latency of hundreds of ms in one
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
   * Redis's own latency monitor: each kind of event over NOTABLE_STALL_MS, its longest in ms. Undefined
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
  // A maximum that a window's start may reset to 0 at any moment: compare-and-swap, no lock.
  for (let seen = Atomics.load(workerData, 0); late > seen; ) {
    const found = Atomics.compareExchange(workerData, 0, seen, late);
    if (found === seen) break;
    seen = found;
  }
}, ${TICK_MS});
`;

/** The watcher thread's slot: its largest lateness, in ms, since the slot was last reset. */
let lateness: Int32Array | undefined;

function pauseWatcher(): Int32Array {
  if (lateness === undefined) {
    lateness = new Int32Array(new SharedArrayBuffer(4));
    // No inherited flags (a loader, --input-type=module): the source is a plain CommonJS script.
    new Worker(WATCHER_SOURCE, { eval: true, workerData: lateness, execArgv: [] }).unref();
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
    const latest = pauseWatcher();
    Atomics.store(latest, 0, 0);
    return new StallWatch(latest, redis);
  }

  async stop(): Promise<Stalls> {
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
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
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
