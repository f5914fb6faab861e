/**
 * Thresholds are data, not constants: a versioned table with effective dates, so history is judged
 * by the rules of its day and other jurisdictions can be configured (DOMAIN.md section 4).
 */
export interface Thresholds {
  version: string;
  /** First instant (epoch ms) these rules apply to. */
  effectiveFrom: number;
  /** The headline standard: handover within this many minutes of arrival. */
  targetMinutes: number;
  /** Board bands and report columns, ascending. "Over N" means strictly more than N minutes. */
  bandMinutes: readonly [number, number, number, number];
  /** Release to Respond / maximum handover. */
  maximumMinutes: number;
  handoverToClearMinutes: number;
  turnaroundMinutes: number;
  /** Standard Contract shares: within 15, within 30, within 60. */
  contract: { within15: number; within30: number; within60: number };
  /** Hours lost basis T: time beyond T minutes counts as lost (AACE default 15). */
  hoursLostBasisMinutes: number;
  /** Crew and ED stamps further apart than this mark the handover disputed (product decision). */
  disputeMinutes: number;
  /** An open handover with no stamp this long after arrival counts as "time unknown" (product decision). */
  staleAfterHours: number;
}

export type ThresholdsTable = readonly Thresholds[];

export const ENGLAND_2025: Thresholds = {
  version: 'england-2025-26',
  effectiveFrom: Date.UTC(2025, 3, 1),
  targetMinutes: 15,
  bandMinutes: [15, 30, 45, 60],
  maximumMinutes: 45,
  handoverToClearMinutes: 15,
  turnaroundMinutes: 30,
  contract: { within15: 0.65, within30: 0.95, within60: 1 },
  hoursLostBasisMinutes: 15,
  disputeMinutes: 5,
  staleAfterHours: 24,
};

/** England's table today. Earlier versions would be added before it, never edited. */
export const ENGLAND_THRESHOLDS: ThresholdsTable = [{ ...ENGLAND_2025, effectiveFrom: 0 }];

/** The rules in force at an instant: the latest version whose effective date is not after it. */
export function thresholdsAt(table: ThresholdsTable, at: number): Thresholds {
  let chosen: Thresholds | undefined;
  for (const row of table) {
    if (row.effectiveFrom <= at && (chosen === undefined || row.effectiveFrom >= chosen.effectiveFrom)) {
      chosen = row;
    }
  }
  if (chosen === undefined) throw new RangeError(`No thresholds in force at ${new Date(at).toISOString()}`);
  return chosen;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** "Over N minutes" means strictly more than N x 60 seconds. */
export function isOver(durationMs: number, minutes: number): boolean {
  return durationMs > minutes * MINUTE_MS;
}
