import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveCredential } from '../../shared/credentials/credential-store';
import Report1600Page from './report-1600-page';
import { england1600 } from './report-fixtures';
import ReportsListPage from './reports-list-page';

type Answer = { status: number; body: unknown };

/** Answers the pages' requests by path; anything else is a 404. */
function serve(answers: Record<string, Answer>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const path = String(input);
    const answer = answers[path] ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'No.' } } };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => saveCredential('hvt_viewer'));
afterEach(() => vi.unstubAllGlobals());

describe('ReportsListPage', () => {
  it('puts the provisional report first, then the 16:00 reports and daily returns with links', async () => {
    const fetchMock = serve({
      '/api/v1/reports/1600/provisional': {
        status: 200,
        body: england1600({ version: null, latestVersion: null, status: 'provisional', versions: [] }),
      },
      '/api/v1/reports/1600': {
        status: 200,
        body: {
          reports: [
            {
              date: '2026-01-11',
              period: { start: '2026-01-10T16:00:00.000Z', end: '2026-01-11T16:00:00.000Z' },
              latestVersion: 3,
              status: 'revised',
              frozenAt: '2026-01-11T16:00:00.000Z',
              updatedAt: '2026-01-11T19:00:00.000Z',
            },
          ],
        },
      },
      '/api/v1/reports/daily-return': {
        status: 200,
        body: {
          reports: [
            {
              date: '2026-01-10',
              period: { start: '2026-01-10T00:00:00.000Z', end: '2026-01-11T00:00:00.000Z' },
              latestVersion: 1,
              status: 'final',
              frozenAt: '2026-01-11T00:00:00.000Z',
              updatedAt: '2026-01-11T00:00:05.000Z',
            },
          ],
        },
      },
    });
    render(<ReportsListPage />);
    const provisional = await screen.findByTestId('report-provisional');
    expect(await within(provisional).findByText('33.7%')).toBeTruthy();
    expect(
      within(provisional).getByRole('link', { name: 'Open the provisional report' }).getAttribute('href'),
    ).toBe('/reports/1600/provisional');
    const reports = await screen.findByTestId('reports-1600-list');
    const [row] = within(reports).getAllByTestId('report-list-row');
    expect(row?.getAttribute('data-date')).toBe('2026-01-11');
    expect(
      within(row as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/reports/1600/2026-01-11');
    expect(within(row as HTMLElement).getByText('v3')).toBeTruthy();
    expect(within(row as HTMLElement).getByText('revised')).toBeTruthy();
    expect(
      within(row as HTMLElement).getByRole('button', {
        name: 'Download CSV: 16:00 report Sunday 11 January 2026, version 3',
      }),
    ).toBeTruthy();
    const returns = await screen.findByTestId('reports-daily-return-list');
    const dates = within(returns)
      .getAllByTestId('report-list-row')
      .map((item) => item.getAttribute('data-date'));
    // Today's return, live, first; then the stored ones.
    expect(dates).toHaveLength(2);
    expect(dates[1]).toBe('2026-01-10');
    expect(
      fetchMock.mock.calls.every(
        ([, init]) => new Headers(init?.headers).get('authorization') === 'Bearer hvt_viewer',
      ),
    ).toBe(true);
  });
});

describe('Report1600Page', () => {
  it('explains a report that was never frozen', async () => {
    serve({
      '/api/v1/reports/1600/2026-01-05': {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'No 16:00 report was frozen for 2026-01-05.' } },
      },
    });
    render(<Report1600Page params={{ date: '2026-01-05' }} />);
    expect(await screen.findByText('Report not found')).toBeTruthy();
    expect(screen.getByText('No 16:00 report was frozen for 2026-01-05.')).toBeTruthy();
  });

  it('explains a credential whose role cannot read reports', async () => {
    serve({
      '/api/v1/reports/1600/2026-01-05': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: 'Role feed may not call this route.' } },
      },
    });
    render(<Report1600Page params={{ date: '2026-01-05' }} />);
    expect(await screen.findByText('This credential cannot read reports')).toBeTruthy();
  });
});
