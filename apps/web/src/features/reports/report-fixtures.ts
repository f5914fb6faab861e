import { DAILY_RETURN_COLUMNS, ENGLAND_2025, reportColumns } from '@handover/domain';
import type { ReportBody, ReportRecord } from './report-api';

/**
 * API answers for tests: the shapes of GET /api/v1/reports/1600/:date and /daily-return/:date, with the
 * domain's own columns (the ones the server sends), so the web's tests follow any change to them.
 */

export const REPORT_1600_COLUMNS: readonly string[] = reportColumns(ENGLAND_2025).map(
  (column) => column.name,
);
export { DAILY_RETURN_COLUMNS };

/** Every column of the 16:00 report empty (null), as for a group with nothing to divide. */
const EMPTY_1600_ROW: ReportRecord = Object.fromEntries(REPORT_1600_COLUMNS.map((column) => [column, null]));

function row(
  level: string,
  code: string,
  name: string,
  place: { trust?: string | null; region?: string | null },
  figures: {
    all: number;
    known: number;
    over: [number, number, number, number];
    unknown: number;
    open: number;
    within15: number | null;
    totalMs: number;
    totalHours: number;
    meanMs: number | null;
    p90Ms: number | null;
    hoursLost: number;
  },
): ReportRecord {
  return {
    ...EMPTY_1600_ROW,
    level,
    code,
    name,
    acute_trust_code: place.trust ?? null,
    region_code: place.region ?? null,
    all_handovers: figures.all,
    handover_time_known: figures.known,
    over_15_minutes: figures.over[0],
    over_30_minutes: figures.over[1],
    over_45_minutes: figures.over[2],
    over_60_minutes: figures.over[3],
    handover_time_unknown: figures.unknown,
    still_open: figures.open,
    within_15_minutes_pct: figures.within15,
    within_45_minutes_pct: null,
    total_handover_ms: figures.totalMs,
    total_hours: figures.totalHours,
    mean_handover_ms: figures.meanMs,
    median_handover_ms: null,
    p90_handover_ms: figures.p90Ms,
    p95_handover_ms: null,
    hours_lost_basis_minutes: 15,
    hours_lost: figures.hoursLost,
    thresholds_version: 'england-2025-26',
  };
}

export const ENGLAND_ROW = row(
  'england',
  'ENG',
  'England',
  {},
  {
    all: 13768,
    known: 13392,
    over: [8876, 3681, 1805, 1112],
    unknown: 204,
    open: 172,
    within15: 33.7,
    totalMs: 23026753000,
    totalHours: 6396.32028,
    meanMs: 1719441,
    p90Ms: 3230000,
    hoursLost: 3446.62611,
  },
);
export const REGION_ROW = row(
  'region',
  'Y60',
  'Midlands',
  { region: 'Y60' },
  {
    all: 2533,
    known: 2518,
    over: [1864, 947, 611, 453],
    unknown: 8,
    open: 7,
    within15: 26,
    totalMs: 6280698000,
    totalHours: 1744.63833,
    meanMs: 2494320,
    p90Ms: 5715000,
    hoursLost: 1173.13667,
  },
);
export const TRUST_ROW = row(
  'acute_trust',
  'RRK',
  'University Hospitals Birmingham NHS Foundation Trust',
  { trust: 'RRK', region: 'Y60' },
  {
    all: 200,
    known: 198,
    over: [165, 102, 59, 52],
    unknown: 1,
    open: 1,
    within15: 16.7,
    totalMs: 842066000,
    totalHours: 233.90722,
    meanMs: 4252859,
    p90Ms: 12494000,
    hoursLost: 187.30056,
  },
);
export const HEARTLANDS_ROW = row(
  'site',
  'RRK97',
  'Heartlands Hospital',
  { trust: 'RRK', region: 'Y60' },
  {
    all: 100,
    known: 99,
    over: [75, 49, 32, 26],
    unknown: 0,
    open: 1,
    within15: 24.2,
    totalMs: 436254000,
    totalHours: 121.18167,
    meanMs: 4406606,
    p90Ms: 14951000,
    hoursLost: 98.28056,
  },
);
export const QEHB_ROW = row(
  'site',
  'RRK15',
  'Queen Elizabeth Hospital Birmingham',
  { trust: 'RRK', region: 'Y60' },
  {
    all: 100,
    known: 99,
    over: [90, 53, 27, 26],
    unknown: 1,
    open: 0,
    within15: 9.1,
    totalMs: 405812000,
    totalHours: 112.72556,
    meanMs: 4099111,
    p90Ms: 12263000,
    hoursLost: 89.02,
  },
);
export const AMBULANCE_ROW = row(
  'ambulance_trust',
  'RYA',
  'West Midlands Ambulance Service University NHS Foundation Trust',
  { region: 'Y60' },
  {
    all: 1572,
    known: 1561,
    over: [1135, 586, 414, 335],
    unknown: 6,
    open: 5,
    within15: 27.3,
    totalMs: 4340381000,
    totalHours: 1205.66139,
    meanMs: 2780513,
    p90Ms: 6924000,
    hoursLost: 853.65278,
  },
);

const base = {
  report: '1600',
  date: '2026-01-12',
  period: { start: '2026-01-11T16:00:00.000Z', end: '2026-01-12T16:00:00.000Z' },
  createdAt: '2026-01-12T16:00:05.000Z',
  thresholdsVersion: 'england-2025-26',
  columns: REPORT_1600_COLUMNS,
  changes: [],
  rowsAdded: [],
  rowsRemoved: [],
} as const;

/** Version 2 of a national report: frozen at 16:00, revised at 17:00 with two cells changed. */
export function england1600(overrides: Partial<ReportBody> = {}): ReportBody {
  return {
    ...base,
    version: 2,
    latestVersion: 2,
    status: 'revised',
    asAt: '2026-01-12T17:00:00.000Z',
    scope: 'england',
    rows: [ENGLAND_ROW, REGION_ROW, TRUST_ROW, HEARTLANDS_ROW, QEHB_ROW, AMBULANCE_ROW],
    changes: [
      { row: 'site/RRK15', column: 'over_15_minutes', before: 91, after: 90 },
      { row: 'site/RRK15', column: 'mean_handover_ms', before: 4100000, after: 4099111 },
    ],
    versions: [
      {
        version: 1,
        status: 'frozen',
        asAt: '2026-01-12T16:00:00.000Z',
        createdAt: '2026-01-12T16:00:05.000Z',
        changedCells: 0,
      },
      {
        version: 2,
        status: 'revised',
        asAt: '2026-01-12T17:00:00.000Z',
        createdAt: '2026-01-12T17:00:01.000Z',
        changedCells: 2,
      },
    ],
    ...overrides,
  };
}

/** The same report as an acute trust credential sees it: its row and its sites', nothing else. */
export function trust1600(): ReportBody {
  return england1600({ scope: 'acute_trust:RRK', rows: [TRUST_ROW, HEARTLANDS_ROW, QEHB_ROW] });
}

/** A row of Midlands' RRK (the trust's when `site` is null): `figures` in the NHS England columns' order. */
function dailyRow(site: { code: string; name: string } | null, figures: (number | string)[]): ReportRecord {
  const trust = ['Midlands', 'RRK', 'University Hospitals Birmingham NHS Foundation Trust'];
  const cells = [...trust, site?.code ?? '', site?.name ?? '', ...figures];
  return Object.fromEntries(DAILY_RETURN_COLUMNS.map((column, i) => [column, cells[i] ?? null]));
}

export function dailyReturn(overrides: Partial<ReportBody> = {}): ReportBody {
  return {
    ...base,
    report: 'daily-return',
    date: '2026-01-12',
    period: { start: '2026-01-12T00:00:00.000Z', end: '2026-01-13T00:00:00.000Z' },
    version: 1,
    latestVersion: 1,
    status: 'provisional',
    asAt: '2026-01-13T00:00:00.000Z',
    scope: 'england',
    columns: DAILY_RETURN_COLUMNS,
    rows: [
      dailyRow(null, [155, 98, 40, 12, 5, 2, 160, 49.99556, '0:19:21.187000', 3]),
      dailyRow({ code: 'RRK97', name: 'Heartlands Hospital' }, [
        80,
        50,
        20,
        6,
        2,
        1,
        82,
        25.5,
        '0:19:07.500000',
        1,
      ]),
      dailyRow({ code: 'RRK15', name: 'Queen Elizabeth Hospital Birmingham' }, [
        75,
        48,
        20,
        6,
        3,
        1,
        78,
        24.49556,
        '0:15:09',
        2,
      ]),
    ],
    versions: [
      {
        version: 1,
        status: 'provisional',
        asAt: '2026-01-13T00:00:00.000Z',
        createdAt: '2026-01-13T00:00:05.000Z',
        changedCells: 0,
      },
    ],
    ...overrides,
  };
}
