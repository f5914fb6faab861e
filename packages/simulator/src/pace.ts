/**
 * When each event is due, on the real clock, in each mode. The server refuses events stamped more than
 * two minutes ahead of its clock, so no mode may ever run ahead of real time: acceleration replays the
 * past faster, and once it has caught up with now it carries on at real time.
 */
export interface Pace {
  /** The real instant (epoch ms) at which the event stamped `atMs` is sent. */
  dueAt(atMs: number): number;
  /** The simulated clock at real instant `wallMs`. */
  simulatedAt(wallMs: number): number;
}

/** Backfill: everything is due at once (the caller stops at the window's end). */
export function asFastAsPossible(until: number): Pace {
  return { dueAt: () => Number.NEGATIVE_INFINITY, simulatedAt: () => until };
}

/** Live: each event when its time comes; what is already past goes at once. */
export const realTime: Pace = { dueAt: (atMs) => atMs, simulatedAt: (wallMs) => wallMs };

/**
 * Accelerated: the simulated clock starts at `from` when the run starts (`startedAt`) and runs `speed`
 * times faster than real time, until it meets the real clock and goes on at real time.
 */
export function accelerated(from: number, startedAt: number, speed: number): Pace {
  if (!(speed >= 1)) throw new RangeError(`Speed must be at least 1, got ${speed}`);
  return {
    dueAt: (atMs) => Math.max(startedAt + (atMs - from) / speed, atMs),
    simulatedAt: (wallMs) => Math.min(from + (wallMs - startedAt) * speed, wallMs),
  };
}
