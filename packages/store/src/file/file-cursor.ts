import { parseCursor } from '../cursor-format';

/** The file store's cursors are "<n>-0": n is the 1-based line number of the record in events.log. */
export function fileCursor(lineNumber: number): string {
  return `${lineNumber}-0`;
}

/**
 * How many records precede the first one strictly after `after`. Any well-formed cursor is accepted
 * (ordered as `compareCursors` orders them): "5-0" and "5-3" both mean "from line 6".
 */
export function recordsUpTo(after: string | null): number {
  return after === null ? 0 : parseCursor(after).high;
}
