import type { ApiError } from '@handover/protocol';
import { type ApiResult, apiRequest, type Fetch } from '../../shared/api-client/api-client';

/**
 * The reports API (docs/reports.md): the 16:00 report and the daily return as JSON, their listings, and
 * their CSV downloads. The JSON rows are the CSV's cells keyed by column name, already rounded.
 */

export type ReportKindName = '1600' | 'daily-return';

/** One cell as the API sends it: a count, a rounded figure, text, or null (nothing to divide). */
export type CellValue = string | number | null;
export type ReportRecord = Readonly<Record<string, CellValue>>;

export interface ReportChange {
  /** The row's key: 'site/RRK15' in the 16:00 report, 'RRK/RRK15' (a trust: 'RRK/') in the daily return. */
  row: string;
  column: string;
  before: CellValue;
  after: CellValue;
}

export interface ReportVersionSummary {
  version: number;
  status: string;
  asAt: string;
  createdAt: string;
  changedCells: number;
}

/** GET /api/v1/reports/1600/:date, /1600/provisional and /daily-return/:date. */
export interface ReportBody {
  report: ReportKindName;
  date: string;
  /** null: computed as at now and never stored (the provisional report, today's daily return). */
  version: number | null;
  latestVersion: number | null;
  /** 'provisional' | 'frozen' | 'revised' (16:00); 'provisional' | 'final' (daily return). */
  status: string;
  period: { start: string; end: string };
  asAt: string;
  createdAt: string | null;
  thresholdsVersion: string;
  /** The credential's scope in one word: 'england', 'region:Y60', 'acute_trust:RRK', 'sites:RRK15'. */
  scope: string;
  columns: readonly string[];
  rows: readonly ReportRecord[];
  /** What this version changed against the previous one, limited to the rows the reader sees. */
  changes: readonly ReportChange[];
  rowsAdded: readonly string[];
  rowsRemoved: readonly string[];
  versions: readonly ReportVersionSummary[];
}

export interface ReportListEntry {
  date: string;
  period: { start: string; end: string };
  latestVersion: number;
  status: string;
  frozenAt: string;
  updatedAt: string;
}

/** GET /api/v1/reports/1600 and /daily-return: stored reports, newest first. */
export interface ReportListBody {
  reports: readonly ReportListEntry[];
}

/** The date segment of the provisional 16:00 report's address. */
export const PROVISIONAL = 'provisional';

const BASE = '/api/v1/reports';

function versionQuery(version: number | null | undefined): string {
  return version === null || version === undefined ? '' : `?version=${version}`;
}

/** The JSON address of a report: `date` is YYYY-MM-DD, or 'provisional' for the 16:00 report now due. */
export function reportPath(kind: ReportKindName, date: string, version?: number | null): string {
  if (kind === '1600' && date === PROVISIONAL) return `${BASE}/1600/${PROVISIONAL}`;
  return `${BASE}/${kind}/${encodeURIComponent(date)}${versionQuery(version)}`;
}

/** The CSV address of the same report and version. */
export function csvPath(kind: ReportKindName, date: string, version?: number | null): string {
  if (kind === '1600' && date === PROVISIONAL) return `${BASE}/1600/${PROVISIONAL}.csv`;
  return `${BASE}/${kind}/${encodeURIComponent(date)}.csv${versionQuery(version)}`;
}

/** The file name the server would give, for when its Content-Disposition header cannot be read. */
export function csvFileName(kind: ReportKindName, date: string, version: number | null): string {
  const suffix = version === null ? (kind === '1600' ? PROVISIONAL : 'live') : `v${version}`;
  const stem = kind === '1600' ? 'handover-report-1600' : 'handover-daily-return';
  return `${stem}-${date}-${suffix}.csv`;
}

export function fetchReport(
  token: string,
  kind: ReportKindName,
  date: string,
  version?: number | null,
  fetchImpl?: Fetch,
): Promise<ApiResult<ReportBody>> {
  return apiRequest<ReportBody>(reportPath(kind, date, version), { token }, fetchImpl);
}

export function fetchReportList(
  token: string,
  kind: ReportKindName,
  fetchImpl?: Fetch,
): Promise<ApiResult<ReportListBody>> {
  return apiRequest<ReportListBody>(`${BASE}/${kind}`, { token }, fetchImpl);
}

// ---------------------------------------------------------------- CSV download

export type SaveBlob = (blob: Blob, fileName: string) => void;

export type DownloadOutcome = { ok: true; fileName: string; bytes: number } | { ok: false; message: string };

/**
 * Downloads a CSV: the credential is a bearer token, not a cookie, so a plain link cannot carry it.
 * Fetches the file with the token, then saves the body as a Blob under the server's file name.
 */
export async function downloadCsv(options: {
  token: string;
  path: string;
  fallbackName: string;
  fetchImpl?: Fetch;
  save?: SaveBlob;
}): Promise<DownloadOutcome> {
  const { token, path, fallbackName, fetchImpl = fetch, save = saveBlob } = options;
  let response: Response;
  try {
    response = await fetchImpl(path, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
    });
  } catch {
    return { ok: false, message: 'The server could not be reached. Try again.' };
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    const error = (body as { error?: Partial<ApiError> } | undefined)?.error;
    return {
      ok: false,
      message: typeof error?.message === 'string' ? error.message : `The server answered ${response.status}.`,
    };
  }
  const text = await response.text();
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const fileName = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  save(blob, fileName);
  return { ok: true, fileName, bytes: blob.size };
}

/** The file name of `attachment; filename="x.csv"`; null when there is none. */
export function fileNameOf(disposition: string | null): string | null {
  if (disposition === null) return null;
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  const name = match?.[1]?.trim();
  // Only a plain file name: never a path.
  return name === undefined || name === '' || /[/\\]/.test(name) ? null : name;
}

/** Saves a Blob through a temporary link with the download attribute. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
