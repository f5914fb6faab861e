import type { CellValue, ReportRecord } from './report-api';

/**
 * Reading the 16:00 report's rows (the CSV's cells keyed by column) for the page: its sections, the
 * headline row(s) of the reader's scope, the NHS England names of the columns shown, and how each cell
 * is written. Every figure is the API's own, already rounded once by the server; nothing is recomputed.
 */

export type ReportLevel = 'england' | 'region' | 'acute_trust' | 'site' | 'ambulance_trust';

/** A number cell, or null when empty (nothing to divide) or not a number. */
export function numberCell(row: ReportRecord, column: string): number | null {
  const value = row[column];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function textCell(row: ReportRecord, column: string): string {
  const value = row[column];
  return value === null || value === undefined ? '' : String(value);
}

export function levelOf(row: ReportRecord): ReportLevel | null {
  const level = row.level;
  return level === 'england' ||
    level === 'region' ||
    level === 'acute_trust' ||
    level === 'site' ||
    level === 'ambulance_trust'
    ? level
    : null;
}

/** The band minutes the report's columns are named by (England: 15, 30, 45, 60), in column order. */
export function bandMinutesOf(columns: readonly string[]): number[] {
  const minutes: number[] = [];
  for (const column of columns) {
    const match = /^over_(\d+)_minutes$/.exec(column);
    if (match?.[1] !== undefined) minutes.push(Number(match[1]));
  }
  return minutes;
}

/** The handover target in minutes: the first band (England: 15). */
export function targetMinutesOf(columns: readonly string[]): number {
  return bandMinutesOf(columns)[0] ?? 15;
}

export interface TrustGroup {
  trustCode: string;
  /** The trust's own row; null when the reader sees only some of its sites. */
  trust: ReportRecord | null;
  sites: ReportRecord[];
}

export interface ReportSections {
  england: ReportRecord | null;
  regions: ReportRecord[];
  trusts: TrustGroup[];
  ambulanceTrusts: ReportRecord[];
}

/** Splits the rows (England; regions; each acute trust followed by its sites; ambulance trusts). */
export function sectionsOf(rows: readonly ReportRecord[]): ReportSections {
  const sections: ReportSections = { england: null, regions: [], trusts: [], ambulanceTrusts: [] };
  const groups = new Map<string, TrustGroup>();
  const groupOf = (trustCode: string): TrustGroup => {
    let group = groups.get(trustCode);
    if (group === undefined) {
      group = { trustCode, trust: null, sites: [] };
      groups.set(trustCode, group);
      sections.trusts.push(group);
    }
    return group;
  };
  for (const row of rows) {
    switch (levelOf(row)) {
      case 'england':
        sections.england = row;
        break;
      case 'region':
        sections.regions.push(row);
        break;
      case 'acute_trust':
        groupOf(textCell(row, 'code')).trust = row;
        break;
      case 'site':
        groupOf(textCell(row, 'acute_trust_code')).sites.push(row);
        break;
      case 'ambulance_trust':
        sections.ambulanceTrusts.push(row);
        break;
      case null:
        break;
    }
  }
  return sections;
}

/**
 * The rows the headline figures are for: England, or the scope's own total (its region, its trust, its
 * ambulance trust); a site credential's sites each, as no row adds them up.
 */
export function headlineRows(sections: ReportSections): ReportRecord[] {
  if (sections.england !== null) return [sections.england];
  if (sections.regions.length > 0) return sections.regions;
  const trusts = sections.trusts.flatMap((group) => (group.trust === null ? [] : [group.trust]));
  if (trusts.length > 0) return trusts;
  const sites = sections.trusts.flatMap((group) => group.sites);
  if (sites.length > 0) return sites;
  return sections.ambulanceTrusts;
}

/** The rows one level below the headline, for the chart of shares: regions, trusts or sites. */
export function breakdownRows(sections: ReportSections): { level: ReportLevel; rows: ReportRecord[] } {
  if (sections.england !== null) return { level: 'region', rows: sections.regions };
  if (sections.regions.length > 0) {
    return {
      level: 'acute_trust',
      rows: sections.trusts.flatMap((group) => (group.trust === null ? [] : [group.trust])),
    };
  }
  const sites = sections.trusts.flatMap((group) => group.sites);
  const hasTrustRow = sections.trusts.some((group) => group.trust !== null);
  return { level: 'site', rows: hasTrustRow || sites.length > 1 ? sites : [] };
}

// ---------------------------------------------------------------- formats

const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const NO_VALUE = '–';

/** A count with thousands separators: "11,834". */
export function formatCount(value: number | null): string {
  return value === null ? NO_VALUE : counts.format(value);
}

/** A percentage cell (already to one place): "61.3%". */
export function formatPct(value: number | null): string {
  return value === null ? NO_VALUE : `${oneDecimal.format(value)}%`;
}

/** Decimal hours (the CSV has 5 places) to one place for reading: "3,260.2". */
export function formatHours(value: number | null): string {
  return value === null ? NO_VALUE : oneDecimal.format(value);
}

/** A duration in whole milliseconds as H:MM:SS, to the nearest second: "0:28:15". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_VALUE;
  const total = Math.round(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const seconds = String(total % 60).padStart(2, '0');
  return `${hours}:${minutes}:${seconds}`;
}

/** A duration to the millisecond, for changes (which may be a few ms): "0:28:14.569". */
export function formatExactDuration(ms: number): string {
  const whole = Math.round(Math.abs(ms));
  const fraction = whole % 1000;
  const clock = formatDuration(whole - fraction);
  const signed = ms < 0 ? `-${clock}` : clock;
  return fraction === 0 ? signed : `${signed}.${String(fraction).padStart(3, '0')}`;
}

// ---------------------------------------------------------------- columns shown

export interface MetricColumn {
  /** The CSV column. */
  key: string;
  /** NHS England's name for it. */
  label: string;
  format: (row: ReportRecord) => string;
}

/**
 * The figures of the 16:00 tables, with NHS England's column names (as in the daily return's CSV),
 * in its order: counts, then the share within the target, hours, mean, 90th percentile and hours lost.
 */
export function metricColumns(columns: readonly string[], hoursLostBasis: number): MetricColumn[] {
  const bands = bandMinutesOf(columns);
  const target = bands[0] ?? 15;
  const count = (key: string, label: string): MetricColumn => ({
    key,
    label,
    format: (row) => formatCount(numberCell(row, key)),
  });
  const wanted: MetricColumn[] = [
    count('handover_time_known', 'Handover time known'),
    ...bands.map((minutes) => count(`over_${minutes}_minutes`, `Over ${minutes} minutes`)),
    count('handover_time_unknown', 'Handover time unknown'),
    count('still_open', 'Still open'),
    count('all_handovers', 'All handovers'),
    {
      key: `within_${target}_minutes_pct`,
      label: `Within ${target} minutes`,
      format: (row) => formatPct(numberCell(row, `within_${target}_minutes_pct`)),
    },
    {
      key: 'total_hours',
      label: 'Total hours',
      format: (row) => formatHours(numberCell(row, 'total_hours')),
    },
    {
      key: 'mean_handover_ms',
      label: 'Mean',
      format: (row) => formatDuration(numberCell(row, 'mean_handover_ms')),
    },
    {
      key: 'p90_handover_ms',
      label: '90th percentile',
      format: (row) => formatDuration(numberCell(row, 'p90_handover_ms')),
    },
    {
      key: 'hours_lost',
      label: `Hours lost (beyond ${hoursLostBasis} min)`,
      format: (row) => formatHours(numberCell(row, 'hours_lost')),
    },
  ];
  return wanted.filter((column) => columns.includes(column.key));
}

/** The basis of hours lost the report states (England: 15 minutes). */
export function hoursLostBasisOf(rows: readonly ReportRecord[], fallback: number): number {
  for (const row of rows) {
    const basis = numberCell(row, 'hours_lost_basis_minutes');
    if (basis !== null) return basis;
  }
  return fallback;
}

/** A readable name for any 16:00 column, for the list of changes: "Over 15 minutes", "Release requests". */
export function columnLabel(column: string, hoursLostBasis: number): string {
  const known: Record<string, string> = {
    handover_time_known: 'Handover time known',
    handover_time_unknown: 'Handover time unknown',
    still_open: 'Still open',
    all_handovers: 'All handovers',
    total_hours: 'Total hours',
    total_handover_ms: 'Total handover time',
    mean_handover_ms: 'Mean',
    median_handover_ms: 'Median',
    p90_handover_ms: '90th percentile',
    p95_handover_ms: '95th percentile',
    hours_lost: `Hours lost (beyond ${hoursLostBasis} min)`,
  };
  const named = known[column];
  if (named !== undefined) return named;
  const over = /^over_(\d+)_minutes$/.exec(column);
  if (over !== null) return `Over ${over[1]} minutes`;
  const words = column.replace(/_pct$/, ' (%)').replace(/_ms$/, '').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A cell as it reads in the list of changes: exact, so that a change of a few ms still shows. */
export function formatChangeValue(column: string, value: CellValue): string {
  if (value === null || value === '') return NO_VALUE;
  if (typeof value === 'string') return value;
  if (column.endsWith('_pct')) return formatPct(value);
  if (column.endsWith('_ms')) return formatExactDuration(value);
  if (column === 'total_hours' || column === 'hours_lost') return String(value);
  return formatCount(value);
}
