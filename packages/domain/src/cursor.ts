/**
 * Positions in the event log are strings "<high>-<low>" (Redis stream ids; the file store writes
 * "<n>-0"). Server and browser both order them with this, so a resume drops exactly what it holds.
 */
export function compareCursors(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const [aHigh = 0, aLow = 0] = a.split('-').map(Number);
  const [bHigh = 0, bLow = 0] = b.split('-').map(Number);
  return aHigh - bHigh || aLow - bLow;
}
