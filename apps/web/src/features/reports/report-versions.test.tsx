import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { DailyReturnView } from './daily-return-view';
import { Report1600View } from './report-1600-view';
import type { ReportChange } from './report-api';
import { dailyReturn, england1600 } from './report-fixtures';

const renderReport = (body = england1600()) =>
  render(<Report1600View body={body} token="hvt_test" directory={directoryFixture} charts={false} />);

const changeTexts = () =>
  screen
    .getAllByTestId('report-change')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('versions and what changed', () => {
  it('lists every version, marking the one shown, with links to the others', () => {
    renderReport();
    const versions = screen.getByRole('navigation', { name: 'Versions' });
    const items = within(versions).getAllByTestId('report-version-item');
    expect(items.map((item) => item.getAttribute('data-version'))).toEqual(['1', '2']);
    expect(items[0]?.textContent).toContain('frozen');
    expect(items[0]?.textContent).toContain('as at 16:00, 12 Jan 2026');
    expect(items[1]?.textContent).toContain('revised as at 17:00, 12 Jan 2026 · 2 cells changed');
    expect(within(versions).getByRole('link', { name: 'Version 1' }).getAttribute('href')).toBe(
      '/reports/1600/2026-01-12?version=1',
    );
    expect(within(versions).getByRole('link', { name: 'Version 2' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('shows each changed cell of a revision before -> after, with the organisation and NHS column name', () => {
    renderReport();
    const section = screen.getByTestId('report-changes');
    expect(within(section).getByRole('heading').textContent).toBe(
      'What changed in version 2 (against version 1)',
    );
    expect(changeTexts()).toEqual([
      ['Queen Elizabeth Hospital Birmingham (RRK15)', 'Over 15 minutes', '91', '→', '90'],
      // A change of a few milliseconds still shows: durations to the ms.
      ['Queen Elizabeth Hospital Birmingham (RRK15)', 'Mean', '1:08:20', '→', '1:08:19.111'],
    ]);
  });

  it('lists the first changes and shows the rest on request', () => {
    const changes: ReportChange[] = Array.from({ length: 30 }, (_, index) => ({
      row: index % 2 === 0 ? 'site/RRK15' : 'acute_trust/RRK',
      column: 'still_open',
      before: index + 1,
      after: index,
    }));
    renderReport(england1600({ changes }));
    expect(screen.getAllByTestId('report-change')).toHaveLength(25);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 30 changes' }));
    expect(screen.getAllByTestId('report-change')).toHaveLength(30);
    expect(changeTexts()[1]).toEqual([
      'University Hospitals Birmingham NHS Foundation Trust (RRK)',
      'Still open',
      '2',
      '→',
      '1',
    ]);
  });

  it('says when the version shown is not the latest, and shows no changes for version 1', () => {
    renderReport(england1600({ version: 1, status: 'frozen', changes: [] }));
    expect(screen.getByTestId('report-version').textContent).toBe('1 (frozen at the cut-off)');
    expect(screen.getByRole('note', { name: '' }).textContent).toContain('This is not the latest version.');
    expect(screen.getByRole('link', { name: 'See version 2' }).getAttribute('href')).toBe(
      '/reports/1600/2026-01-12?version=2',
    );
    expect(screen.queryByTestId('report-changes')).toBeNull();
  });

  it('shows a provisional report without versions, saying it is not yet frozen', () => {
    renderReport(
      england1600({ version: null, latestVersion: null, status: 'provisional', versions: [], changes: [] }),
    );
    expect(screen.getByTestId('report-title').textContent).toContain(
      '16:00 report due Monday 12 January 2026',
    );
    expect(screen.getByTestId('report-version').textContent).toBe('Provisional, not yet frozen');
    expect(screen.getByTestId('report-status').textContent).toBe('provisional');
    expect(screen.queryByRole('navigation', { name: 'Versions' })).toBeNull();
    expect(screen.queryByTestId('report-changes')).toBeNull();
  });

  it('shows a daily return revision in its own column names and formats', () => {
    render(
      <DailyReturnView
        body={dailyReturn({
          version: 2,
          latestVersion: 2,
          changes: [
            { row: 'RRK/RRK15', column: 'Mean', before: '0:15:09', after: '0:15:10.500000' },
            { row: 'RRK/', column: 'Total hours', before: 49.9, after: 49.99556 },
          ],
        })}
        token="hvt_test"
        directory={directoryFixture}
      />,
    );
    expect(changeTexts()).toEqual([
      ['Queen Elizabeth Hospital Birmingham (RRK15)', 'Mean', '0:15:09', '→', '0:15:10.500000'],
      [
        'University Hospitals Birmingham NHS Foundation Trust (RRK)',
        'Total hours',
        '49.90000',
        '→',
        '49.99556',
      ],
    ]);
  });
});
