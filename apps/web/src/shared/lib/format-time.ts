import { LONDON, localDateOf } from '@handover/domain';

/** Every time of day the product shows is on the London wall clock, whatever the device's zone. */
const timeOfDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const timeWithSeconds = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const shortDate = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});

/** "14:05" in Europe/London. */
export function formatLondonTime(instant: number): string {
  return timeOfDay.format(instant);
}

/** "14:05:09" in Europe/London. */
export function formatLondonTimeWithSeconds(instant: number): string {
  return timeWithSeconds.format(instant);
}

/** "Monday 12 January" in Europe/London. */
export function formatLondonDate(instant: number): string {
  return longDate.format(instant);
}

/** "14:05 (12 Jan)": a time of day, with its date when it is not the same London day as `now`. */
export function formatLondonTimeNear(instant: number, now: number, { seconds = false } = {}): string {
  const time = seconds ? formatLondonTimeWithSeconds(instant) : formatLondonTime(instant);
  if (localDateOf(instant) === localDateOf(now)) return time;
  return `${time} (${formatLondonShortDate(instant)})`;
}

/** "12 Jan" in Europe/London. */
export function formatLondonShortDate(instant: number): string {
  return shortDate.format(instant);
}
