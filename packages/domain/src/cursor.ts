/**
 * Positions in the event log are strings "<high>-<low>" (Redis stream ids; the file store writes
 * "<n>-0"). Server and browser both order them with this, so a resume drops exactly what it holds.
 */
const DASH = 0x2d;

export function compareCursors(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  // The common case, on every event the server and the browser handle: both parts of the same length,
  // where the order of the digits as text is their numeric order. Nothing to split or allocate.
  const dash = a.indexOf('-');
  if (dash > 0 && a.length === b.length && b.charCodeAt(dash) === DASH) return a < b ? -1 : 1;
  const [aHigh = 0, aLow = 0] = a.split('-').map(Number);
  const [bHigh = 0, bLow = 0] = b.split('-').map(Number);
  return aHigh - bHigh || aLow - bLow;
}
