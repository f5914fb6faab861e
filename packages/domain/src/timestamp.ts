/**
 * The one timestamp format the API takes: ISO 8601 with seconds and an explicit offset,
 * "2026-01-12T10:04:00Z" or "2026-01-12T10:04:00.250+01:00".
 */
export const TIMESTAMP_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})$';

const PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Epoch ms of a timestamp in that format, or undefined when it is not one or names no real instant.
 * Date.parse alone would roll "2026-02-30" over to 2 March and read "24:00:00" as the next midnight.
 */
export function parseTimestamp(text: string): number | undefined {
  const parts = PARTS.exec(text);
  if (parts === null) return undefined;
  const part = (index: number) => Number(parts[index] ?? 0);
  const [year, month, day] = [part(1), part(2), part(3)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const real =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    part(4) <= 23 &&
    part(5) <= 59 &&
    part(6) <= 59 &&
    part(7) <= 23 &&
    part(8) <= 59;
  if (!real) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
