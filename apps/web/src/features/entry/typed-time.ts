import { addDays, localDateOf, localTimeToInstant } from '@handover/domain';

/** How far ahead of now a typed time may be before it is read as yesterday's (just after midnight). */
const FUTURE_SLACK_MS = 2 * 60_000;

/**
 * The instant a London wall-clock time "HH:MM" means when typed at `now`: today's, or yesterday's when
 * today's would be in the future (recording at 00:05 an arrival at 23:58). Null when not a time.
 */
export function instantOfTypedTime(time: string, now: number): number | null {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const today = localDateOf(now);
  const instant = localTimeToInstant(today, time);
  return instant > now + FUTURE_SLACK_MS ? localTimeToInstant(addDays(today, -1), time) : instant;
}

/** The instant of "HH:MM" on the same London day as `original` (for correcting a recorded time). */
export function instantOnDayOf(original: number, time: string): number | null {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return localTimeToInstant(localDateOf(original), time);
}
