import { describe, expect, it, vi } from 'vitest';
import { csvFileName, csvPath, downloadCsv, fileNameOf, reportPath } from './report-api';

const CSV = 'report_date,level,code\r\n2026-01-12,england,ENG\r\n';

function csvResponse(headers: Record<string, string> = {}) {
  return new Response(CSV, {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', ...headers },
  });
}

/** jsdom's Blob has no text(): read it as the browser's FileReader would. */
function readBlob(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (blob === undefined) return reject(new Error('no blob'));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('report addresses', () => {
  it('builds the JSON and CSV paths of each report and version', () => {
    expect(reportPath('1600', '2026-01-12')).toBe('/api/v1/reports/1600/2026-01-12');
    expect(reportPath('1600', '2026-01-12', 2)).toBe('/api/v1/reports/1600/2026-01-12?version=2');
    expect(reportPath('1600', 'provisional', 3)).toBe('/api/v1/reports/1600/provisional');
    expect(reportPath('daily-return', '2026-01-12', null)).toBe('/api/v1/reports/daily-return/2026-01-12');
    expect(csvPath('1600', '2026-01-12', 2)).toBe('/api/v1/reports/1600/2026-01-12.csv?version=2');
    expect(csvPath('1600', 'provisional')).toBe('/api/v1/reports/1600/provisional.csv');
    expect(csvPath('daily-return', '2026-01-12')).toBe('/api/v1/reports/daily-return/2026-01-12.csv');
  });

  it('names files as the server does', () => {
    expect(csvFileName('1600', '2026-01-12', 2)).toBe('handover-report-1600-2026-01-12-v2.csv');
    expect(csvFileName('1600', '2026-01-12', null)).toBe('handover-report-1600-2026-01-12-provisional.csv');
    expect(csvFileName('daily-return', '2026-01-12', null)).toBe('handover-daily-return-2026-01-12-live.csv');
  });

  it('reads the file name of a Content-Disposition header, never a path', () => {
    expect(fileNameOf('attachment; filename="handover-report-1600-2026-01-12-v2.csv"')).toBe(
      'handover-report-1600-2026-01-12-v2.csv',
    );
    expect(fileNameOf('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(fileNameOf('attachment; filename="../etc/passwd"')).toBeNull();
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});

describe('downloadCsv', () => {
  it('fetches with the bearer credential and saves a Blob of the body under the server file name', async () => {
    const fetchImpl = vi.fn(async () =>
      csvResponse({ 'content-disposition': 'attachment; filename="handover-report-1600-2026-01-12-v2.csv"' }),
    );
    const save = vi.fn<(blob: Blob, fileName: string) => void>();
    const outcome = await downloadCsv({
      token: 'hvt_secret',
      path: '/api/v1/reports/1600/2026-01-12.csv?version=2',
      fallbackName: 'fallback.csv',
      fetchImpl,
      save,
    });
    expect(fetchImpl).toHaveBeenCalledWith('/api/v1/reports/1600/2026-01-12.csv?version=2', {
      headers: { authorization: 'Bearer hvt_secret', accept: 'text/csv' },
    });
    expect(save).toHaveBeenCalledTimes(1);
    const [blob, fileName] = save.mock.calls[0] ?? [];
    expect(fileName).toBe('handover-report-1600-2026-01-12-v2.csv');
    expect(blob).toBeInstanceOf(Blob);
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    expect(await readBlob(blob)).toBe(CSV);
    expect(outcome).toEqual({
      ok: true,
      fileName: 'handover-report-1600-2026-01-12-v2.csv',
      bytes: CSV.length,
    });
  });

  it('uses the fallback name when the header cannot be read (a proxy stripped it)', async () => {
    const save = vi.fn<(blob: Blob, fileName: string) => void>();
    await downloadCsv({
      token: 't',
      path: '/x.csv',
      fallbackName: 'handover-daily-return-2026-01-12-live.csv',
      fetchImpl: async () => csvResponse(),
      save,
    });
    expect(save.mock.calls[0]?.[1]).toBe('handover-daily-return-2026-01-12-live.csv');
  });

  it("saves nothing on a refusal and passes on the server's message", async () => {
    const save = vi.fn();
    const outcome = await downloadCsv({
      token: 't',
      path: '/x.csv',
      fallbackName: 'x.csv',
      fetchImpl: async () =>
        new Response(
          JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No 16:00 report was frozen.' } }),
          {
            status: 404,
            headers: { 'content-type': 'application/json' },
          },
        ),
      save,
    });
    expect(outcome).toEqual({ ok: false, message: 'No 16:00 report was frozen.' });
    expect(save).not.toHaveBeenCalled();
  });

  it('says so when the server cannot be reached', async () => {
    const outcome = await downloadCsv({
      token: 't',
      path: '/x.csv',
      fallbackName: 'x.csv',
      fetchImpl: async () => {
        throw new TypeError('Failed to fetch');
      },
      save: vi.fn(),
    });
    expect(outcome).toEqual({ ok: false, message: 'The server could not be reached. Try again.' });
  });
});
