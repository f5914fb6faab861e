import { LONDON } from '@handover/domain';

/** Dates and times on reports, always on the London wall clock, whatever the reader's device says. */

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "Friday 20 November 2026" from the parts: ICU versions differ on the comma after the weekday. */
function dayWords(format: Intl.DateTimeFormat, instant: number): string {
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** A report date 'YYYY-MM-DD' as "Friday 20 November 2026" (midday UTC is the same London day). */
export function formatReportDate(date: string): string {
  const instant = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(instant) ? date : dayWords(dayFormat, instant);
}

/** A report date as "Fri 20 Nov 2026". */
export function formatShortReportDate(date: string): string {
  const instant = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(instant) ? date : dayWords(shortDayFormat, instant);
}

/** An instant as "16:00, 20 Nov 2026" (London). */
export function formatInstant(iso: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  return `${timeFormat.format(instant)}, ${dateTimeFormat.format(instant)}`;
}

/** A period [start, end) as "16:00, 19 Nov 2026 to 16:00, 20 Nov 2026"; a calendar day as its date. */
export function formatPeriod(period: { start: string; end: string }): string {
  return `${formatInstant(period.start)} to ${formatInstant(period.end)}`;
}

const dayMonth = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short' });
const year = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, year: 'numeric' });

/** A report date as "20 Nov 2026". */
export function formatShortDate(date: string): string {
  const instant = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(instant) ? date : `${dayMonth.format(instant)} ${year.format(instant)}`;
}

/** A period in few words: "16:00 19 Nov to 16:00 20 Nov 2026" (each year shown when they differ). */
export function formatCompactPeriod(period: { start: string; end: string }): string {
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  if (Number.isNaN(start) || Number.isNaN(end)) return `${period.start} to ${period.end}`;
  const sameYear = year.format(start) === year.format(end);
  const at = (instant: number, withYear: boolean) =>
    `${timeFormat.format(instant)} ${dayMonth.format(instant)}${withYear ? ` ${year.format(instant)}` : ''}`;
  return `${at(start, !sameYear)} to ${at(end, true)}`;
}
