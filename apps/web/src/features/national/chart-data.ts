import {
  addHandover,
  emptyPartial,
  finaliseCounts,
  type Handover,
  HOUR_MS,
  isOver,
  type MetricsPartial,
  MINUTE_MS,
  type Period,
  type Thresholds,
} from '@handover/domain';
import { formatLondonTime } from '../../shared/lib/format-time';

/** One hour of a day: compliance of the handovers that arrived in it. */
export interface HourPoint {
  /** "07:00", UK time. */
  label: string;
  start: number;
  /** Share handed over within the target, 0..1; null when none is known yet. */
  within15Share: number | null;
  known: number;
}

/** An hour of a London day: its label ("07:00", UK time) and where it starts and ends. */
export interface DayHour {
  label: string;
  start: number;
  end: number;
}

/** The last day asked for: every refresh asks for today, and labelling its hours costs 24 Intl calls. */
let lastDay: { start: number; end: number; hours: readonly DayHour[] } | undefined;

/** The hours of a London day (23, 24 or 25 of them) starting at its first instant. */
export function hoursOf(day: Period): readonly DayHour[] {
  if (lastDay !== undefined && lastDay.start === day.start && lastDay.end === day.end) return lastDay.hours;
  const hours: DayHour[] = [];
  for (let start = day.start; start < day.end; start += HOUR_MS) {
    hours.push({ label: formatLondonTime(start), start, end: Math.min(day.end, start + HOUR_MS) });
  }
  lastDay = { start: day.start, end: day.end, hours };
  return hours;
}

/** Compliance per hour of arrival, in one pass over the handovers (the domain's metrics per hour). */
export function hourlyCompliance(
  handovers: Iterable<Handover>,
  day: Period,
  now: number,
  thresholds: Thresholds,
): HourPoint[] {
  const hours = hoursOf(day);
  const partials: MetricsPartial[] = hours.map(() => emptyPartial());
  const context = { now, thresholds };
  for (const handover of handovers) {
    const { arrivedAt } = handover;
    if (arrivedAt === undefined || arrivedAt < day.start || arrivedAt >= day.end) continue;
    const partial = partials[Math.floor((arrivedAt - day.start) / HOUR_MS)];
    if (partial !== undefined) addHandover(partial, handover, context);
  }
  return hours.map((hour, index) => {
    const metrics = finaliseCounts(partials[index] ?? emptyPartial(), thresholds);
    return {
      label: hour.label,
      start: hour.start,
      within15Share: metrics.within15Share,
      known: metrics.known,
    };
  });
}

/** One hour of the hourly chart, as drawn: percentages to one decimal, null where there is no line. */
export interface HourlyRow {
  label: string;
  today: number | null;
  yesterday: number | null;
}

const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/** Today's hours up to `nowHour` against yesterday's (by label, "07:00"), in percent. */
export function hourlyRows(
  today: readonly HourPoint[],
  yesterdayByLabel: ReadonlyMap<string, number | null> | undefined,
  nowHour: number,
): HourlyRow[] {
  return today.map((point, index) => ({
    label: point.label,
    today: index <= nowHour ? percent(point.within15Share) : null,
    yesterday: percent(yesterdayByLabel?.get(point.label)),
  }));
}

/** A bar of the distribution of handover times: durations in (from, to] minutes (the first from 0). */
export interface TimeBin {
  /** The bar's middle, in minutes, where it sits on the axis. */
  mid: number;
  from: number;
  /** null for the last, open-ended bar. */
  to: number | null;
  count: number;
  /** The band every duration in the bar falls in (bins never straddle a threshold). */
  band: 'on_target' | 'over_15' | 'over_30' | 'release_due' | 'over_60';
}

/**
 * Counts durations into bins `binMinutes` wide up to `maxMinutes`, then one bar for everything longer.
 * Bins are (a, b] so that exactly 15:00 counts as within 15 minutes, as the standard does.
 */
export function handoverTimeBins(
  durationsMs: readonly number[],
  thresholds: Thresholds,
  binMinutes = 5,
  maxMinutes = 120,
): TimeBin[] {
  const count = Math.ceil(maxMinutes / binMinutes);
  const counts = new Array<number>(count + 1).fill(0);
  for (const duration of durationsMs) {
    const index = isOver(duration, maxMinutes)
      ? count
      : Math.max(0, Math.ceil(duration / (binMinutes * MINUTE_MS)) - 1);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const [b1, b2, b3, b4] = thresholds.bandMinutes;
  const bandOf = (to: number | null): TimeBin['band'] => {
    if (to === null || to > b4) return 'over_60';
    if (to > b3) return 'release_due';
    if (to > b2) return 'over_30';
    if (to > b1) return 'over_15';
    return 'on_target';
  };
  return counts.map((value, index) => {
    const from = index * binMinutes;
    const to = index === count ? null : from + binMinutes;
    return { mid: from + binMinutes / 2, from, to, count: value, band: bandOf(to) };
  });
}

/** Round axis steps (1, 2, 2.5 or 5 times a power of ten) from 0 to at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(Math.round(tick * 1000) / 1000);
  return ticks;
}
