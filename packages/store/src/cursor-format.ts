const CURSOR = /^(\d+)-(\d+)$/;

/**
 * Splits a cursor "<high>-<low>" (a Redis stream id, or "<n>-0" from the file store). Anything else is
 * a caller's bug, not an outage: TypeError.
 */
export function parseCursor(cursor: string): { high: number; low: number } {
  const match = CURSOR.exec(cursor);
  if (!match) throw new TypeError(`Invalid cursor ${JSON.stringify(cursor)}: expected "<number>-<number>"`);
  return { high: Number(match[1]), low: Number(match[2]) };
}
