/**
 * Calendar days and report periods in Europe/London local time, as half-open [start, end) instants.
 * Time-zone rules come from Intl.DateTimeFormat (the runtime's tz database), never from hand-written
 * offsets, so a London day is 23, 24 or 25 hours long exactly when the clocks say so. Pure: every
 * function takes the instant or date it works on.
 */
import type { Period } from './period';

export const LONDON = 'Europe/London';

/** A calendar date on a wall clock, 'YYYY-MM-DD'. */
export type LocalDate = string;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------------------
// Wall-clock fields and offsets

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Creating a DateTimeFormat is costly; one per zone is enough.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? Number.NaN,
    month: fields.month ?? Number.NaN,
    day: fields.day ?? Number.NaN,
    hour: fields.hour ?? Number.NaN,
    minute: fields.minute ?? Number.NaN,
    second: fields.second ?? Number.NaN,
  };
}

/** The wall-clock fields read as if they were UTC: "wall milliseconds", handy for clock arithmetic. */
function wallMs(wall: WallClock): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

function wallClockOfWallMs(ms: number): WallClock {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

/** Local time minus UTC at the instant, in ms (London: 0 in winter, one hour in summer). */
function offsetAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

// ---------------------------------------------------------------------------------------------------
// Parsing

function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match !== null) {
    const parsed = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    // Date arithmetic rolls 2026-02-30 over into March; only a real date comes back unchanged.
    const midnight = wallMs({ ...parsed, hour: 0, minute: 0, second: 0 });
    if (formatLocalDate(wallClockOfWallMs(midnight)) === date) return parsed;
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
}

function parseTime(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match === null) throw new RangeError(`Not a time of day (HH:MM, 00:00 to 23:59): "${time}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function formatLocalDate(wall: { year: number; month: number; day: number }): LocalDate {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}`;
}

function formatTime(wall: { hour: number; minute: number }): string {
  return `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// Dates and instants

/** The calendar date on the wall clock of `timeZone` (default London) at the instant. */
export function localDateOf(instant: number, timeZone: string = LONDON): LocalDate {
  return formatLocalDate(wallClockAt(instant, timeZone));
}

/**
 * The instant at which the wall clock of `timeZone` (default London) shows `time` on `date`.
 *
 * Two wall times need a rule, and these are the product's:
 * - A time that does not exist because the clocks jump forward over it (London: 01:00 to 01:59 on the
 *   last Sunday of March) gives the first instant after the gap, i.e. the moment the clocks change
 *   (2026-03-29 01:30 -> 01:00Z, which London shows as 02:00 BST). Every wall time in the gap maps to that
 *   one instant, so the mapping never goes backwards, and a day whose midnight is skipped (some zones
 *   other than London) starts at its first real instant. (Temporal's 'compatible' rule would instead
 *   shift by the gap's length, giving 01:30Z.)
 * - A time that happens twice because the clocks go back (London: 01:00 to 01:59 on the last Sunday of
 *   October) gives the FIRST occurrence (2026-10-25 01:30 -> 00:30Z, still BST).
 */
export function localTimeToInstant(date: LocalDate, time: string, timeZone: string = LONDON): number {
  const wall = wallMs({ ...parseLocalDate(date), ...parseTime(time), second: 0 });
  // No zone changes its offset twice within two days, so the offsets a day either side of the wall
  // time are the only ones it can have.
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const matches = [wall - offsetBefore, wall - offsetAfter].filter(
    (instant) => instant + offsetAt(instant, timeZone) === wall,
  );
  if (matches.length > 0) return Math.min(...matches);
  return firstInstantWithOffset(wall - offsetAfter, wall - offsetBefore, offsetAfter, timeZone);
}

/**
 * The clock change inside a gap: the first instant in (low, high] at which the offset is `offset`.
 * Binary search, as Intl exposes offsets at instants but not the transition instants themselves.
 */
function firstInstantWithOffset(low: number, high: number, offset: number, timeZone: string): number {
  let before = low; // offset is not yet `offset` here
  let after = high; // offset is `offset` here
  while (after - before > 1) {
    const middle = before + Math.floor((after - before) / 2);
    if (offsetAt(middle, timeZone) === offset) after = middle;
    else before = middle;
  }
  return after;
}

/** The date `days` calendar days after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number, got ${days}`);
  const { year, month, day } = parseLocalDate(date);
  const midnight = wallMs({ year, month, day, hour: 0, minute: 0, second: 0 });
  return formatLocalDate(wallClockOfWallMs(midnight + days * DAY_MS));
}

// ---------------------------------------------------------------------------------------------------
// Periods

/** A period from `from` to `to` (epoch ms, half-open). Throws a RangeError unless from < to. */
export function periodOf(from: number, to: number): Period {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new RangeError(`Period bounds must be finite instants, got ${from} and ${to}`);
  }
  if (from >= to) throw new RangeError(`Period must start before it ends, got ${from} >= ${to}`);
  return { start: from, end: to };
}

/** The calendar day `date` in `timeZone`: [00:00 local, next day's 00:00 local), 23, 24 or 25 hours. */
export function calendarDay(date: LocalDate, timeZone: string = LONDON): Period {
  return {
    start: localTimeToInstant(date, '00:00', timeZone),
    end: localTimeToInstant(addDays(date, 1), '00:00', timeZone),
  };
}

export interface ReportPeriodOptions {
  /** Wall-clock cut-off on the report date, 'HH:MM'. Default '16:00'. */
  cutoff?: string;
  /** Length measured on the wall clock, whole hours. Default 24. */
  lengthHours?: number;
  /** Default Europe/London. */
  timeZone?: string;
}

/**
 * The period a report dated `reportDate` covers: it ends at the cut-off on the report date and starts at
 * the same wall-clock time `lengthHours` earlier ON THE WALL CLOCK (default: 16:00 the previous day).
 *
 * Product decision: the length is counted on the wall clock, not in real hours, so that consecutive daily
 * reports tile time exactly (each starts where the previous one ended, no gap, no overlap) and every
 * report runs "16:00 to 16:00" as readers expect. The price is that the report whose period contains a
 * clock change covers 23 real hours (spring) or 25 (autumn); rates per hour must divide by the real
 * length (end - start), not by lengthHours. With lengthHours of 1, a period falling in the spring gap is
 * empty (start = end); that is still a valid half-open period.
 */
export function reportPeriod(reportDate: LocalDate, options: ReportPeriodOptions = {}): Period {
  const { cutoff = '16:00', lengthHours = 24, timeZone = LONDON } = options;
  if (!Number.isInteger(lengthHours) || lengthHours <= 0) {
    throw new RangeError(`Report length must be a positive whole number of hours, got ${lengthHours}`);
  }
  const endWall = wallMs({ ...parseLocalDate(reportDate), ...parseTime(cutoff), second: 0 });
  const startWall = wallClockOfWallMs(endWall - lengthHours * HOUR_MS);
  return {
    start: localTimeToInstant(formatLocalDate(startWall), formatTime(startWall), timeZone),
    end: localTimeToInstant(reportDate, cutoff, timeZone),
  };
}

/**
 * The start of the UTC hour containing the instant. London's offsets are whole hours, so this is also
 * the start of the local hour (not true in zones such as Asia/Kolkata).
 */
export function hourStart(instant: number): number {
  return Math.floor(instant / HOUR_MS) * HOUR_MS;
}

/**
 * The most recent cut-off instant at or before `now`, and the report date it closes: the report
 * scheduler freezes that report. At exactly the cut-off the report due now is returned.
 */
export function latestCutoffAtOrBefore(
  now: number,
  cutoff = '16:00',
  timeZone: string = LONDON,
): { reportDate: LocalDate; at: number } {
  const today = localDateOf(now, timeZone);
  const todaysCutoff = localTimeToInstant(today, cutoff, timeZone);
  if (todaysCutoff <= now) return { reportDate: today, at: todaysCutoff };
  // Yesterday's cut-off is before today's midnight, so it is always <= now.
  const yesterday = addDays(today, -1);
  return { reportDate: yesterday, at: localTimeToInstant(yesterday, cutoff, timeZone) };
}
