import { shortTrustName } from '../../shared/lib/trust-names';
import type { ReportRecord } from './report-api';
import { bandMinutesOf, numberCell, textCell } from './report-rows';

/** The figures the report's charts draw, from the rows as the API gives them. Pure. */

export interface ShareBar {
  code: string;
  label: string;
  /** Percent within the target, to one place; the rows with no known handovers are left out. */
  pct: number;
  known: number;
}

/** Share within the target per organisation, in the report's order; those with nothing known apart. */
export function shareBars(
  rows: readonly ReportRecord[],
  columns: readonly string[],
): { bars: ShareBar[]; withoutTimes: string[] } {
  const target = bandMinutesOf(columns)[0] ?? 15;
  const bars: ShareBar[] = [];
  const withoutTimes: string[] = [];
  for (const row of rows) {
    const pct = numberCell(row, `within_${target}_minutes_pct`);
    const label = shortTrustName(textCell(row, 'name'));
    if (pct === null) withoutTimes.push(label);
    else
      bars.push({
        code: textCell(row, 'code'),
        label,
        pct,
        known: numberCell(row, 'handover_time_known') ?? 0,
      });
  }
  return { bars, withoutTimes };
}

export type BinBand = 'on_target' | 'over_15' | 'over_30' | 'release_due' | 'over_60';

export interface CountBin {
  label: string;
  band: BinBand;
  count: number;
}

const BANDS: readonly BinBand[] = ['on_target', 'over_15', 'over_30', 'release_due', 'over_60'];

/**
 * Known handovers split at the band minutes: the report's "over" counts are nested (over 15 includes
 * over 30), so each bar is the difference of two of them: within 15, 15 to 30, ..., over 60.
 */
export function distributionBins(row: ReportRecord, columns: readonly string[]): CountBin[] {
  const bands = bandMinutesOf(columns);
  const known = numberCell(row, 'handover_time_known') ?? 0;
  const over = bands.map((minutes) => numberCell(row, `over_${minutes}_minutes`) ?? 0);
  const bins: CountBin[] = [];
  bands.forEach((minutes, index) => {
    const previous = index === 0 ? known : (over[index - 1] ?? 0);
    const label = index === 0 ? `Within ${minutes} min` : `${bands[index - 1]}–${minutes} min`;
    bins.push({ label, band: BANDS[index] ?? 'over_60', count: previous - (over[index] ?? 0) });
  });
  const last = bands.at(-1);
  if (last !== undefined) {
    bins.push({ label: `Over ${last} min`, band: BANDS[bands.length] ?? 'over_60', count: over.at(-1) ?? 0 });
  }
  return bins;
}
