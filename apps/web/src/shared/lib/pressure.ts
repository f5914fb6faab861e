import { type Band, bandForDuration, type Thresholds } from '@handover/domain';
import type { AreaFigures } from './area-figures';

/**
 * How pressed a site is now: the band of its longest-held crew, or `none` when no crew is held. One
 * scale for the control room's sort and the national map, explained in words by `pressureLabel`
 * ("Over 45 min": its longest-held crew has waited over 45 minutes).
 */
export type Pressure = 'none' | Band;

export const PRESSURES: readonly Pressure[] = [
  'none',
  'on_target',
  'over_15',
  'over_30',
  'release_due',
  'over_60',
];

const RANK: Record<Pressure, number> = {
  none: 0,
  on_target: 1,
  over_15: 2,
  over_30: 3,
  release_due: 4,
  over_60: 5,
};

export function pressureOf(longestWaitMs: number | null, thresholds: Thresholds): Pressure {
  return longestWaitMs === null ? 'none' : bandForDuration(longestWaitMs, thresholds);
}

export function pressureRank(pressure: Pressure): number {
  return RANK[pressure];
}

export function pressureLabel(pressure: Pressure, thresholds: Thresholds): string {
  const [b1, b2, b3, b4] = thresholds.bandMinutes;
  switch (pressure) {
    case 'none':
      return 'No crews held';
    case 'on_target':
      return `All within ${b1} min`;
    case 'over_15':
      return `Over ${b1} min`;
    case 'over_30':
      return `Over ${b2} min`;
    case 'release_due':
      return `Over ${b3} min`;
    case 'over_60':
      return `Over ${b4} min`;
  }
}

/** Past the maximum (45 min): what a control room must act on, highlighted wherever it shows. */
export function isPastMaximum(pressure: Pressure): boolean {
  return pressure === 'release_due' || pressure === 'over_60';
}

export interface PressureSortable {
  name: string;
  pressure: Pressure;
  figures: Pick<AreaFigures, 'hoursLostNowMs' | 'longestWaitMs' | 'heldNow'>;
}

/**
 * Most pressed first: a crew past 60 minutes outranks any number past 30; within a band, more hours
 * being lost now, then the longer wait, then more crews held; quiet sites last, by name.
 */
export function byPressure(a: PressureSortable, b: PressureSortable): number {
  return (
    pressureRank(b.pressure) - pressureRank(a.pressure) ||
    b.figures.hoursLostNowMs - a.figures.hoursLostNowMs ||
    (b.figures.longestWaitMs ?? 0) - (a.figures.longestWaitMs ?? 0) ||
    b.figures.heldNow - a.figures.heldNow ||
    a.name.localeCompare(b.name)
  );
}
