import { setTimeout as delay } from 'node:timers/promises';
import { MAX_BATCH_EVENTS } from '@handover/protocol';
import type { ApiSender } from './api-sender';
import type { Calibration } from './calibration';
import type { TrafficOrganisations } from './generator';
import { accelerated, asFastAsPossible, type Pace, realTime } from './pace';
import type { SendStats } from './send-stats';
import { trafficTimeline } from './traffic-timeline';
import type { GeneratedEvent } from './wire-events';

/**
 * Runs simulated traffic against a server through an ApiSender, in one of three modes:
 * - backfill: the handovers of the last N days, as fast as the server takes them, nothing after now;
 * - live: real time from now, after catching up the handovers still open (or from `since`);
 * - accelerated: replays a past window N times faster, then carries on live once it meets real time.
 * Every mode reads the same deterministic timeline, so they can follow one another without a gap or a
 * copy: whatever two runs both send is a duplicate to the server, and duplicates change nothing.
 */

export type SimulationMode = 'backfill' | 'live' | 'accelerated';

export interface SimulationRequest {
  mode: SimulationMode;
  /** backfill: days of history (default 7); live: the catch-up window for open handovers (default 1). */
  days?: number;
  /** accelerated: where the replay starts (epoch ms), within the last MAX_HISTORY_DAYS days. */
  from?: number;
  /** accelerated: simulated time per real time (default 60). */
  speed?: number;
  /** backfill: the window's end (default now); accelerated: stop there rather than carry on live. */
  until?: number;
  /** Events at or before this instant were sent by an earlier run (a live run after a backfill). */
  since?: number;
}

export interface SimulationPlan {
  mode: SimulationMode;
  /** Handovers arriving at or after this instant are simulated. */
  arrivedFrom: number;
  until: number | undefined;
  since: number | undefined;
  pace: Pace;
  /** The real instant the plan was made for. */
  startedAt: number;
}

const DAY_MS = 86_400_000;
/**
 * The server refuses events older than its amendment window (14 days by default). History stops a day
 * short of it, so the oldest events of a long run are not refused while it is still sending.
 */
export const MAX_HISTORY_DAYS = 13;
const DEFAULT_DAYS: Readonly<Record<SimulationMode, number>> = { backfill: 7, live: 1, accelerated: 0 };

/** Turns a request into a plan for a run starting at `now`; throws a RangeError naming the problem. */
export function planSimulation(request: SimulationRequest, now: number): SimulationPlan {
  const plan = planFor(request, now);
  if (plan.arrivedFrom < now - MAX_HISTORY_DAYS * DAY_MS) {
    throw new RangeError(
      `The run would start more than ${MAX_HISTORY_DAYS} days ago; the server refuses events older than its amendment window`,
    );
  }
  return plan;
}

function planFor(request: SimulationRequest, now: number): SimulationPlan {
  const { mode, since } = request;
  const oldest = now - MAX_HISTORY_DAYS * DAY_MS;
  const days = request.days ?? DEFAULT_DAYS[mode];
  if (!(days > 0 && days <= MAX_HISTORY_DAYS) && mode !== 'accelerated') {
    throw new RangeError(`--days must be more than 0 and at most ${MAX_HISTORY_DAYS} (got ${days})`);
  }
  if (request.until !== undefined && request.until > now) {
    throw new RangeError('--until is in the future: the server refuses events stamped after its clock');
  }
  if (since !== undefined && since > now) throw new RangeError('--since is in the future');
  const base = { mode, since, startedAt: now };
  switch (mode) {
    case 'backfill': {
      const until = request.until ?? now;
      return { ...base, arrivedFrom: until - days * DAY_MS, until, pace: asFastAsPossible(until) };
    }
    case 'live':
      return { ...base, arrivedFrom: (since ?? now) - days * DAY_MS, until: undefined, pace: realTime };
    case 'accelerated': {
      const { from, until } = request;
      const speed = request.speed ?? 60;
      if (from === undefined) throw new RangeError('accelerated mode needs --from <ISO instant>');
      if (from < oldest || from >= now) {
        throw new RangeError(
          `--from must be within the last ${MAX_HISTORY_DAYS} days (the server's amendment window) and before now`,
        );
      }
      if (until !== undefined && until <= from) throw new RangeError('--until must be after --from');
      if (!(speed >= 1 && speed <= 100_000))
        throw new RangeError(`--speed must be 1 to 100000 (got ${speed})`);
      return { ...base, arrivedFrom: from, until, pace: accelerated(from, now, speed) };
    }
  }
}

export interface TrafficSource {
  seed: number;
  organisations: TrafficOrganisations;
  calibration: Calibration;
  sites?: readonly string[];
}

export interface SimulationProgress {
  mode: SimulationMode;
  /** How far the simulated clock has got (epoch ms). */
  simulatedAt: number;
  /** Share of a run with an end done (backfill; accelerated until it catches up), 0 to 1. */
  fraction: number | undefined;
  /** Estimated time left when `fraction` is known. */
  etaMs: number | undefined;
  /** Running at real time (live, or accelerated that has met the real clock). */
  realTime: boolean;
  /** Distinct handovers whose events were handed to the sender. */
  handovers: number;
  stats: SendStats;
}

export interface SimulationReport extends SimulationProgress {
  /** The run was stopped (Ctrl-C) rather than finished. */
  stopped: boolean;
  arrivedFrom: number;
}

export interface RunSimulationOptions {
  plan: SimulationPlan;
  traffic: TrafficSource;
  sender: ApiSender;
  /** Aborting stops the run: batches in flight get `graceMs` to finish; the rest is left unsent. */
  signal?: AbortSignal;
  graceMs?: number;
  onProgress?: (progress: SimulationProgress) => void;
  /** How often onProgress is called at most (default 250 ms). */
  progressEveryMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

// While waiting for the next due event, wake at least this often to report progress and notice Ctrl-C.
const TICK_MS = 1_000;

export async function runSimulation(options: RunSimulationOptions): Promise<SimulationReport> {
  const { plan, traffic, sender, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepUnlessAborted;
  const progressEveryMs = options.progressEveryMs ?? 250;
  const handovers = new Set<string>();
  let buffer: GeneratedEvent[] = [];
  let lastAt = plan.arrivedFrom;
  let lastProgressAt = Number.NEGATIVE_INFINITY;

  const progress = (): SimulationProgress => {
    const wall = now();
    const simulatedAt = plan.mode === 'backfill' ? lastAt : Math.max(lastAt, plan.pace.simulatedAt(wall));
    const target = plan.until ?? wall;
    const finite = plan.mode === 'backfill' || (plan.mode === 'accelerated' && simulatedAt < target);
    const fraction = finite
      ? clamp((simulatedAt - plan.arrivedFrom) / Math.max(1, target - plan.arrivedFrom))
      : undefined;
    const elapsed = wall - plan.startedAt;
    return {
      mode: plan.mode,
      simulatedAt,
      fraction,
      etaMs: fraction !== undefined && fraction > 0 ? (elapsed * (1 - fraction)) / fraction : undefined,
      realTime: plan.mode === 'live' || (plan.mode === 'accelerated' && !finite),
      handovers: handovers.size,
      stats: sender.stats(),
    };
  };
  const tick = (force = false): void => {
    if (options.onProgress === undefined) return;
    const wall = now();
    if (!force && wall - lastProgressAt < progressEveryMs) return;
    lastProgressAt = wall;
    options.onProgress(progress());
  };
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const events = buffer;
    buffer = [];
    for (const { event } of events) handovers.add(event.handoverId);
    await sender.submit(events);
  };

  const timeline = trafficTimeline({
    ...traffic,
    arrivedFrom: plan.arrivedFrom,
    ...(plan.until !== undefined ? { until: plan.until } : {}),
  });
  for (const { atMs, generated } of timeline) {
    if (signal?.aborted) break;
    if (plan.since !== undefined && atMs <= plan.since) continue;
    const due = plan.pace.dueAt(atMs);
    if (due > now()) {
      // Nothing sits in the buffer while waiting: what is due is posted before the pause.
      await flush();
      while (due > now() && !signal?.aborted) {
        tick();
        await sleep(Math.min(due - now(), TICK_MS), signal);
      }
      if (signal?.aborted) break;
    }
    buffer.push(generated);
    lastAt = atMs;
    if (buffer.length >= MAX_BATCH_EVENTS) await flush();
    tick();
  }

  const stopped = signal?.aborted === true;
  let stats: SendStats;
  if (stopped) {
    stats = await sender.shutdown(options.graceMs);
  } else {
    await flush();
    stats = await sender.drain();
    if (plan.until !== undefined) lastAt = plan.until;
  }
  tick(true);
  return { ...progress(), stats, stopped, arrivedFrom: plan.arrivedFrom };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

async function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  await delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}
