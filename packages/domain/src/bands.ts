import type { Handover } from './handover';
import { handoverTime } from './handover-times';
import { isOver, MINUTE_MS, type Thresholds } from './thresholds';

/**
 * Board bands: up to 15 on target; over 15 amber; over 30 red; over 45 release due; over 60 critical.
 * A band is never shown by colour alone: each carries a label and an icon name.
 */
export const BANDS = ['on_target', 'over_15', 'over_30', 'release_due', 'over_60'] as const;
export type Band = (typeof BANDS)[number];

export interface BandInfo {
  band: Band;
  label: string;
  icon: 'check' | 'clock' | 'alert' | 'hand' | 'siren';
}

export function bandInfo(band: Band, thresholds: Thresholds): BandInfo {
  const [b1, b2, b3, b4] = thresholds.bandMinutes;
  switch (band) {
    case 'on_target':
      return { band, label: `Within ${b1} min`, icon: 'check' };
    case 'over_15':
      return { band, label: `Over ${b1} min`, icon: 'clock' };
    case 'over_30':
      return { band, label: `Over ${b2} min`, icon: 'alert' };
    case 'release_due':
      return { band, label: `Over ${b3} min: release due`, icon: 'hand' };
    case 'over_60':
      return { band, label: `Over ${b4} min`, icon: 'siren' };
  }
}

export function bandForDuration(durationMs: number, thresholds: Thresholds): Band {
  const [b1, b2, b3, b4] = thresholds.bandMinutes;
  if (isOver(durationMs, b4)) return 'over_60';
  if (isOver(durationMs, b3)) return 'release_due';
  if (isOver(durationMs, b2)) return 'over_30';
  if (isOver(durationMs, b1)) return 'over_15';
  return 'on_target';
}

/**
 * The clock of a handover at `now`: elapsed since arrival while it runs, the final duration once
 * handed over. Undefined before arrival or when cancelled.
 */
export function clockAt(handover: Handover, now: number): number | undefined {
  if (handover.arrivedAt === undefined || handover.state === 'cancelled') return undefined;
  const stopped = handoverTime(handover);
  return Math.max(0, (stopped ?? now) - handover.arrivedAt);
}

export function bandAt(handover: Handover, now: number, thresholds: Thresholds): Band | undefined {
  const clock = clockAt(handover, now);
  return clock === undefined ? undefined : bandForDuration(clock, thresholds);
}

/**
 * When the band next changes for a running clock (the first instant strictly past the next threshold),
 * or undefined when the clock is stopped or already in the last band. The board and alerts use it to
 * schedule work instead of polling.
 */
export function nextBandChangeAt(
  handover: Handover,
  now: number,
  thresholds: Thresholds,
): number | undefined {
  if (handover.arrivedAt === undefined || handover.state === 'cancelled') return undefined;
  if (handoverTime(handover) !== undefined) return undefined;
  const elapsed = now - handover.arrivedAt;
  for (const minutes of thresholds.bandMinutes) {
    if (!isOver(elapsed, minutes)) return handover.arrivedAt + minutes * MINUTE_MS + 1;
  }
  return undefined;
}
