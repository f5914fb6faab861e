const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;

const two = (value: number): string => String(value).padStart(2, '0');

/** A running clock: "07:05" under an hour, "1:02:09" from an hour. Negative durations read as zero. */
export function formatClock(durationMs: number): string {
  const totalSeconds = Math.floor(Math.max(0, durationMs) / SECOND_MS);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** A duration in words for labels: "45 s", "12 min", "1 h 05 min". */
export function formatDurationWords(durationMs: number): string {
  const ms = Math.max(0, durationMs);
  if (ms < MINUTE_MS) return `${Math.floor(ms / SECOND_MS)} s`;
  const totalMinutes = Math.floor(ms / MINUTE_MS);
  if (totalMinutes < 60) return `${totalMinutes} min`;
  return `${Math.floor(totalMinutes / 60)} h ${two(totalMinutes % 60)} min`;
}

/** Hours lost and similar totals: "0 h 00 min", "5 h 12 min" (rounded down to the minute). */
export function formatHoursMinutes(durationMs: number): string {
  const totalMinutes = Math.floor(Math.max(0, durationMs) / MINUTE_MS);
  return `${Math.floor(totalMinutes / 60)} h ${two(totalMinutes % 60)} min`;
}

/** A share 0..1 as a whole percentage, or a dash when there is nothing to divide. */
export function formatPercent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}
