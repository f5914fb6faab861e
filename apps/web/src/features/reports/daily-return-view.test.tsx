import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { DailyReturnView, dailyReturnCell, stillOpenTotal } from './daily-return-view';
import { DAILY_RETURN_COLUMNS, dailyReturn } from './report-fixtures';

const renderReturn = (body = dailyReturn()) =>
  render(<DailyReturnView body={body} token="hvt_test" directory={directoryFixture} />);

const rowTexts = () =>
  screen
    .getAllByTestId('daily-return-row')
    .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));

describe('DailyReturnView', () => {
  it("has NHS England's exact column names, in order", () => {
    renderReturn();
    const headers = [...screen.getByTestId('daily-return-table').querySelectorAll('thead th')].map(
      (th) => th.textContent,
    );
    expect(headers).toEqual([...DAILY_RETURN_COLUMNS]);
  });

  it('writes Total hours to 5 places and Mean as given, a trust row then its sites', () => {
    renderReturn();
    expect(rowTexts()).toEqual([
      [
        'Midlands',
        'RRK',
        'University Hospitals Birmingham NHS Foundation Trust',
        '',
        '',
        '155',
        '98',
        '40',
        '12',
        '5',
        '2',
        '160',
        '49.99556',
        '0:19:21.187000',
        '3',
      ],
      [
        'Midlands',
        'RRK',
        'University Hospitals Birmingham NHS Foundation Trust',
        'RRK97',
        'Heartlands Hospital',
        '80',
        '50',
        '20',
        '6',
        '2',
        '1',
        '82',
        '25.50000',
        '0:19:07.500000',
        '1',
      ],
      [
        'Midlands',
        'RRK',
        'University Hospitals Birmingham NHS Foundation Trust',
        'RRK15',
        'Queen Elizabeth Hospital Birmingham',
        '75',
        '48',
        '20',
        '6',
        '3',
        '1',
        '78',
        '24.49556',
        '0:15:09',
        '2',
      ],
    ]);
    const rows = screen.getAllByTestId('daily-return-row');
    expect(rows.map((row) => row.className)).toEqual([
      'report-table__row report-table__row--trust',
      'report-table__row report-table__row--site',
      'report-table__row report-table__row--site',
    ]);
  });

  it('shows a provisional badge and how many handovers are still open', () => {
    renderReturn();
    expect(screen.getByTestId('report-status').textContent).toBe('provisional');
    expect(screen.getByTestId('provisional-note').textContent).toContain('3 handovers are still open');
  });

  it('shows no provisional note once the return is final', () => {
    renderReturn(dailyReturn({ status: 'final' }));
    expect(screen.getByTestId('report-status').getAttribute('data-status')).toBe('final');
    expect(screen.queryByTestId('provisional-note')).toBeNull();
    expect(screen.getByTestId('report-version').textContent).toBe('1 (final)');
  });

  it('says a return of today is computed as at now, and downloads its live CSV', () => {
    renderReturn(dailyReturn({ version: null, latestVersion: null, versions: [] }));
    expect(screen.getByTestId('report-version').textContent).toBe('Live, not yet stored (provisional)');
    expect(screen.getByText(/Computed as at now/)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Versions' })).toBeNull();
  });

  it('shows a site credential its sites only, counting their open handovers', () => {
    const body = dailyReturn();
    const sites = body.rows.filter((row) => row['Site code'] !== '');
    renderReturn({ ...body, scope: 'sites:RRK15,RRK97', rows: sites });
    expect(screen.getAllByTestId('daily-return-row').map((row) => row.getAttribute('data-site'))).toEqual([
      'RRK97',
      'RRK15',
    ]);
    expect(stillOpenTotal(sites)).toBe(3);
    expect(within(screen.getByTestId('report-title')).getByText('provisional')).toBeTruthy();
  });

  it('explains an ambulance trust has no rows in the daily return', () => {
    renderReturn(dailyReturn({ scope: 'ambulance_trust:RYA', rows: [] }));
    expect(screen.queryByTestId('daily-return-table')).toBeNull();
    expect(screen.getByTestId('provisional-note').textContent).toContain('still open elsewhere in England');
    expect(screen.getByText(/no rows for the area this credential covers/)).toBeTruthy();
  });

  it('formats cells as NHS England publishes them', () => {
    expect(dailyReturnCell('Total hours', 0)).toBe('0.00000');
    expect(dailyReturnCell('Total hours', 49.99556)).toBe('49.99556');
    expect(dailyReturnCell('Mean', '')).toBe('–');
    expect(dailyReturnCell('Site code', '')).toBe('');
    expect(dailyReturnCell('All handovers', 12)).toBe('12');
  });
});
