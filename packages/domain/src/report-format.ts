/**
 * How report cells turn exact figures (integer counts, integer-ms sums) into what people read. Every
 * rounding is done once, here, from the exact figures, to the nearest (a tie upwards). Pure.
 */

/** Decimal hours to 5 places, as NHS England publishes `Total hours` (49.99556). */
export function decimalHours(ms: number): number {
  // ms x 100000 / 3600000 = ms / 36: one division, so the rounding sees the exact quotient.
  return Math.round(ms / 36) / 100_000;
}

/** A share of `whole` as a percentage to one decimal place; null when there is nothing to share. */
export function percent(share: number | null, whole: number): number | null {
  if (share === null || whole === 0) return null;
  // Recover the integer numerator first, so 49/80 = 61.25 % is seen as the tie it is (61.3).
  const part = Math.round(share * whole);
  return Math.round((1000 * part) / whole) / 10;
}

/** A duration rounded to a whole millisecond; null stays null. */
export function wholeMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}

/**
 * A duration as NHS England publishes `Mean`: H:MM:SS.ffffff (microseconds, hours not padded), or
 * H:MM:SS when it is a whole number of seconds ('0:19:21.187000', '0:15:09'). Rounded to a whole
 * millisecond first; empty for null.
 */
export function clockDuration(ms: number | null): string {
  if (ms === null) return '';
  const total = Math.round(ms);
  const seconds = Math.floor(total / 1000);
  const fraction = total % 1000;
  const hh = Math.floor(seconds / 3600);
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return fraction === 0 ? `${hh}:${mm}:${ss}` : `${hh}:${mm}:${ss}.${String(fraction).padStart(3, '0')}000`;
}

/** Reads a `clockDuration` (or NHS England's 'HH:MM:SS.ffffff') back to whole milliseconds. */
export function parseClockDuration(text: string): number | null {
  if (text === '') return null;
  const match = /^(\d+):([0-5]\d):([0-5]\d)(?:\.(\d{1,6}))?$/.exec(text);
  if (match === null) throw new RangeError(`Not a duration H:MM:SS[.ffffff]: "${text}"`);
  const micros = Number((match[4] ?? '').padEnd(6, '0'));
  return (
    ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000 + Math.round(micros / 1000)
  );
}
