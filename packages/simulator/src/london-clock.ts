/**
 * Europe/London wall-clock facts the traffic model needs: the local hour and weekday of an instant, and
 * its UTC offset for timestamps written the way an ED tablet would. Rules come from Intl (the runtime's
 * tz database), as in the domain. London only changes offset on a whole UTC hour, so one lookup per UTC
 * hour is enough and is cached: a national day asks for some 30 hours, not one per event.
 */

const HOUR_MS = 3_600_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface LondonHour {
  /** 0 to 23 on the London wall clock. */
  hour: number;
  /** 0 = Sunday ... 6 = Saturday, as Date.getDay. */
  weekday: number;
  /** Local time minus UTC, in minutes (0 in winter, 60 in summer). */
  offsetMinutes: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  calendar: 'gregory',
  numberingSystem: 'latn',
  hourCycle: 'h23',
  weekday: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
});

const cache = new Map<number, LondonHour>();

/** The London wall-clock hour, weekday and offset at an instant (epoch ms). */
export function londonHour(instant: number): LondonHour {
  const utcHour = Math.floor(instant / HOUR_MS);
  const cached = cache.get(utcHour);
  if (cached !== undefined) return cached;
  const computed = computeLondonHour(utcHour * HOUR_MS);
  cache.set(utcHour, computed);
  return computed;
}

function computeLondonHour(hourStart: number): LondonHour {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(hourStart)) parts[part.type] = part.value;
  const hour = Number(parts.hour);
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hour);
  const weekday = WEEKDAYS.indexOf(parts.weekday as (typeof WEEKDAYS)[number]);
  if (Number.isNaN(wall) || weekday < 0) throw new Error(`Cannot read the London clock at ${hourStart}`);
  return { hour, weekday, offsetMinutes: Math.round((wall - hourStart) / 60_000) };
}

/** "2026-01-12T10:04:00Z": whole seconds, UTC. */
export function isoUtc(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

/** "2026-07-12T11:04:00+01:00": whole seconds, London local time with its offset. */
export function isoLondon(instant: number): string {
  const { offsetMinutes } = londonHour(instant);
  const local = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}
