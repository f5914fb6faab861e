import { type AcuteTrust, parseCsvRecords } from '@handover/domain';
import { type DurationModel, type DurationTargets, fitDurationModel } from './duration-model';

/**
 * Per-trust traffic parameters derived from the real NHS England figures in the domain's reference
 * data (see packages/domain/reference/SOURCES.md). Pure: the caller reads the files and passes texts.
 *
 * Which figures a trust gets, best first:
 * - 'daily': the 9 trusts in handover_daily.csv (24 Nov 2025 to 29 Mar 2026): volume, shares over
 *   15/30/45/60, unknown share and the real mean;
 * - 'monthly': handover_monthly_by_trust.csv, January to March 2026 monthly mean: volume, shares over
 *   15/30/60 and unknown share (no mean is published there; the duration model supplies one);
 * - 'attendances': no handover figures (the Isle of Wight): volume from its type-1 A&E attendances at
 *   the national median ratio of handovers to attendances, shares at the national median;
 * - 'typical': a trust in none of the files: the national median trust.
 */

export interface CalibrationTexts {
  /** handover_daily.csv */
  handoverDaily: string;
  /** handover_monthly_by_trust.csv */
  handoverMonthlyByTrust: string;
}

export type CalibrationBasis = 'daily' | 'monthly' | 'attendances' | 'typical';

export interface TrustCalibration {
  trustCode: string;
  basis: CalibrationBasis;
  /** All handovers a day (known + unknown), winter 2025/26. */
  dailyHandovers: number;
  /** Share of handovers that never get a handover time (only a clear). */
  unknownShare: number;
  /** The real figures the duration model was fitted to. */
  targets: DurationTargets;
  duration: DurationModel;
}

/** England (the acute trusts with monthly figures), January to March 2026: what a simulated day should resemble. */
export interface NationalFigures {
  dailyHandovers: number;
  /** Shares of known handovers. */
  within15: number;
  over30: number;
  over60: number;
  unknownShare: number;
}

export interface Calibration {
  trusts: ReadonlyMap<string, TrustCalibration>;
  typicalTrust: TrustCalibration;
  /** Multipliers on a day's volume by weekday, index 0 = Sunday (as Date.getDay); they average 1. */
  weekdayFactors: readonly number[];
  national: NationalFigures;
}

// January to March 2026 has 90 days: the monthly mean of those three months covers 30 days.
const DAYS_PER_MONTH_JAN_MAR_2026 = (31 + 28 + 31) / 3;
const DAYS_IN_MARCH = 31;

export function calibrateTraffic(texts: CalibrationTexts, acuteTrusts: readonly AcuteTrust[]): Calibration {
  const daily = readDailyFigures(texts.handoverDaily);
  const monthly = readMonthlyFigures(texts.handoverMonthlyByTrust);
  const typical = typicalFigures(monthly, acuteTrusts);
  const trusts = new Map<string, TrustCalibration>();

  for (const trust of acuteTrusts) {
    const figures = daily.byTrust.get(trust.code) ?? monthly.get(trust.code);
    if (figures !== undefined) {
      trusts.set(trust.code, calibrationOf(trust.code, figures));
    } else if (trust.type1AttendancesMar2026 !== null) {
      const dailyHandovers = (trust.type1AttendancesMar2026 * typical.handoversPerAttendance) / DAYS_IN_MARCH;
      trusts.set(
        trust.code,
        calibrationOf(trust.code, { ...typical.figures, basis: 'attendances', dailyHandovers }),
      );
    }
  }
  const inAcuteList = acuteTrusts.flatMap((trust) => monthly.get(trust.code) ?? []);
  return {
    trusts,
    typicalTrust: calibrationOf('', typical.figures),
    weekdayFactors: daily.weekdayFactors,
    national: nationalFigures(inAcuteList),
  };
}

/** The calibration of a trust, or the national median trust when there are no figures for it. */
export function trustCalibration(calibration: Calibration, trustCode: string): TrustCalibration {
  return calibration.trusts.get(trustCode) ?? { ...calibration.typicalTrust, trustCode };
}

interface TrustFigures {
  basis: CalibrationBasis;
  dailyHandovers: number;
  unknownShare: number;
  targets: DurationTargets;
}

function calibrationOf(trustCode: string, figures: TrustFigures): TrustCalibration {
  return { trustCode, ...figures, duration: fitDurationModel(figures.targets) };
}

/** Counts as NHS England publishes them: "over" counts are of the known handovers. */
interface Counts {
  all: number;
  known: number;
  over15: number;
  over30: number;
  over45?: number;
  over60: number;
  totalHours?: number;
}

function figuresFrom(basis: CalibrationBasis, counts: Counts, days: number): TrustFigures {
  const share = (count: number): number => count / counts.known;
  const targets: DurationTargets = {
    over15: share(counts.over15),
    over30: share(counts.over30),
    over60: share(counts.over60),
  };
  if (counts.over45 !== undefined) targets.over45 = share(counts.over45);
  if (counts.totalHours !== undefined) targets.meanMinutes = (counts.totalHours * 60) / counts.known;
  return {
    basis,
    dailyHandovers: counts.all / days,
    unknownShare: counts.all > 0 ? (counts.all - counts.known) / counts.all : 0,
    targets,
  };
}

// ---------------------------------------------------------------------------------------------------
// handover_daily.csv

interface DailyFigures {
  byTrust: Map<string, TrustFigures>;
  weekdayFactors: readonly number[];
}

function readDailyFigures(text: string): DailyFigures {
  const rows = parseCsvRecords(text).flatMap((record) => {
    const counts = {
      all: numberIn(record, 'All handovers'),
      known: numberIn(record, 'Handover time known'),
      over15: numberIn(record, 'Over 15 minutes'),
      over30: numberIn(record, 'Over 30 minutes'),
      over45: numberIn(record, 'Over 45 minutes'),
      over60: numberIn(record, 'Over 60 minutes'),
      totalHours: numberIn(record, 'Total hours'),
    };
    const weekday = new Date(`${record.Date ?? ''}T12:00:00Z`).getUTCDay();
    // A day with a blank or unreadable figure says nothing reliable; leave it out.
    if (Object.values(counts).some(Number.isNaN) || Number.isNaN(weekday)) return [];
    return [{ trustCode: record['Trust code'] ?? '', weekday, counts }];
  });

  const byTrust = new Map<string, TrustFigures>();
  const dailyMeanOf = new Map<string, number>();
  for (const trustCode of new Set(rows.map((row) => row.trustCode))) {
    const own = rows.filter((row) => row.trustCode === trustCode);
    const total = sumCounts(own.map((row) => row.counts));
    if (total.known <= 0) continue;
    byTrust.set(trustCode, figuresFrom('daily', total, own.length));
    dailyMeanOf.set(trustCode, total.all / own.length);
  }
  return { byTrust, weekdayFactors: weekdayFactorsOf(rows, dailyMeanOf) };
}

/**
 * How busy each weekday is relative to its trust's average day (averaged over trust-days, so a big
 * trust does not dominate), normalised to average 1. Real winter 2025/26: Monday about +3%, weekends
 * about -3%.
 */
function weekdayFactorsOf(
  rows: readonly { trustCode: string; weekday: number; counts: Counts }[],
  dailyMeanOf: ReadonlyMap<string, number>,
): readonly number[] {
  const sums = Array.from({ length: 7 }, () => 0);
  const days = Array.from({ length: 7 }, () => 0);
  for (const row of rows) {
    const mean = dailyMeanOf.get(row.trustCode);
    if (mean === undefined || mean <= 0) continue;
    sums[row.weekday] = (sums[row.weekday] ?? 0) + row.counts.all / mean;
    days[row.weekday] = (days[row.weekday] ?? 0) + 1;
  }
  const raw = sums.map((sum, weekday) => ((days[weekday] ?? 0) > 0 ? sum / (days[weekday] ?? 1) : 1));
  const average = raw.reduce((sum, factor) => sum + factor, 0) / raw.length;
  return raw.map((factor) => factor / average);
}

function sumCounts(list: readonly Counts[]): Required<Counts> {
  const total: Required<Counts> = {
    all: 0,
    known: 0,
    over15: 0,
    over30: 0,
    over45: 0,
    over60: 0,
    totalHours: 0,
  };
  for (const counts of list) {
    total.all += counts.all;
    total.known += counts.known;
    total.over15 += counts.over15;
    total.over30 += counts.over30;
    total.over45 += counts.over45 ?? 0;
    total.over60 += counts.over60;
    total.totalHours += counts.totalHours ?? 0;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// handover_monthly_by_trust.csv

interface MonthlyFigures extends TrustFigures {
  /** Jan-Mar monthly mean counts. */
  counts: Counts;
  /** March 2026 alone, to compare with March 2026 type-1 attendances. */
  marchHandovers: number;
}

function readMonthlyFigures(text: string): Map<string, MonthlyFigures> {
  const byTrust = new Map<string, MonthlyFigures>();
  for (const record of parseCsvRecords(text)) {
    const counts: Counts = {
      all: numberIn(record, 'jan_mar2026_monthly_mean_handovers_total'),
      known: numberIn(record, 'jan_mar2026_monthly_mean_handovers_known'),
      over15: numberIn(record, 'jan_mar2026_monthly_mean_over15_count'),
      over30: numberIn(record, 'jan_mar2026_monthly_mean_over30_count'),
      over60: numberIn(record, 'jan_mar2026_monthly_mean_over60_count'),
    };
    const marchHandovers = numberIn(record, 'mar2026_handovers_total');
    if (Object.values(counts).some(Number.isNaN) || !(counts.known > 0)) continue;
    const figures = figuresFrom('monthly', counts, DAYS_PER_MONTH_JAN_MAR_2026);
    byTrust.set(record.trust_code ?? '', { ...figures, counts, marchHandovers });
  }
  return byTrust;
}

// ---------------------------------------------------------------------------------------------------
// National figures and the typical trust

interface TypicalFigures {
  figures: TrustFigures;
  /** March 2026 handovers per March 2026 type-1 attendance, median over the trusts with both. */
  handoversPerAttendance: number;
}

/** The median trust: median of each figure over the acute trusts with monthly data. */
function typicalFigures(
  monthly: ReadonlyMap<string, MonthlyFigures>,
  acuteTrusts: readonly AcuteTrust[],
): TypicalFigures {
  const withBoth = acuteTrusts.flatMap((trust) => {
    const figures = monthly.get(trust.code);
    return figures === undefined ? [] : [{ figures, attendances: trust.type1AttendancesMar2026 }];
  });
  const withFigures = withBoth.map((trust) => trust.figures);
  const ratios = withBoth.flatMap(({ figures, attendances }) =>
    attendances !== null && attendances > 0 ? [figures.marchHandovers / attendances] : [],
  );
  return {
    figures: {
      basis: 'typical',
      dailyHandovers: median(withFigures.map((trust) => trust.dailyHandovers)),
      unknownShare: median(withFigures.map((trust) => trust.unknownShare)),
      targets: {
        over15: median(withFigures.map((trust) => trust.targets.over15)),
        over30: median(withFigures.map((trust) => trust.targets.over30)),
        over60: median(withFigures.map((trust) => trust.targets.over60)),
      },
    },
    handoversPerAttendance: median(ratios),
  };
}

function nationalFigures(trusts: readonly MonthlyFigures[]): NationalFigures {
  const total = sumCounts(trusts.map((trust) => trust.counts));
  return {
    dailyHandovers: total.all / DAYS_PER_MONTH_JAN_MAR_2026,
    within15: 1 - total.over15 / total.known,
    over30: total.over30 / total.known,
    over60: total.over60 / total.known,
    unknownShare: (total.all - total.known) / total.all,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

function numberIn(record: Record<string, string>, column: string): number {
  const text = record[column]?.trim() ?? '';
  return text === '' ? Number.NaN : Number(text);
}
