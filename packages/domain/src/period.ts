/** A half-open interval of instants [start, end), in epoch milliseconds. */
export interface Period {
  start: number;
  end: number;
}

/** Half-open: the start instant belongs to the period, the end instant to the next one. */
export function inPeriod(period: Period, instant: number): boolean {
  return instant >= period.start && instant < period.end;
}
