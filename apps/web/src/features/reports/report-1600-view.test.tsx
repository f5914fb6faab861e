import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { Report1600View } from './report-1600-view';
import { AMBULANCE_ROW, england1600, trust1600 } from './report-fixtures';

const renderReport = (body = england1600()) =>
  render(<Report1600View body={body} token="hvt_test" directory={directoryFixture} charts={false} />);

const figure = (column: string) => {
  const headline = screen.getAllByTestId('report-headline')[0];
  if (headline === undefined) throw new Error('no headline');
  const element = within(headline)
    .getAllByTestId('report-figure')
    .find((item) => item.getAttribute('data-column') === column);
  if (element === undefined) throw new Error(`no figure ${column}`);
  return element;
};

const cellTexts = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

describe('Report1600View', () => {
  it('shows the headline figures of England, with hours lost labelled by its basis', () => {
    renderReport();
    const [headline] = screen.getAllByTestId('report-headline');
    expect(headline?.getAttribute('data-code')).toBe('ENG');
    expect(within(figure('handover_time_known')).getByText('13,392')).toBeTruthy();
    expect(within(figure('handover_time_known')).getByText('of 13,768 handovers')).toBeTruthy();
    expect(within(figure('within_15_minutes_pct')).getByText('33.7%')).toBeTruthy();
    expect(within(figure('within_15_minutes_pct')).getByText('below the 65% standard')).toBeTruthy();
    expect(within(figure('over_30_minutes')).getByText('3,681')).toBeTruthy();
    expect(within(figure('over_45_minutes')).getByText('1,805')).toBeTruthy();
    expect(within(figure('over_60_minutes')).getByText('1,112')).toBeTruthy();
    expect(within(figure('hours_lost')).getByText('3,446.6')).toBeTruthy();
    expect(within(figure('hours_lost')).getByText('time beyond 15 minutes')).toBeTruthy();
    // 1,719,441 ms = 28 min 39.441 s; 3,230,000 ms = 53 min 50 s.
    expect(within(figure('mean_handover_ms')).getByText('0:28:39')).toBeTruthy();
    expect(within(figure('p90_handover_ms')).getByText('0:53:50')).toBeTruthy();
    expect(within(figure('still_open')).getByText('172')).toBeTruthy();
    expect(within(figure('handover_time_unknown')).getByText('204')).toBeTruthy();
  });

  it('names the columns as NHS England does and formats hours and the mean', () => {
    renderReport();
    const table = screen.getByTestId('report-trust-table');
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).toEqual([
      'Acute trust / site',
      'Code',
      'Handover time known',
      'Over 15 minutes',
      'Over 30 minutes',
      'Over 45 minutes',
      'Over 60 minutes',
      'Handover time unknown',
      'Still open',
      'All handovers',
      'Within 15 minutes',
      'Total hours',
      'Mean',
      '90th percentile',
      'Hours lost (beyond 15 min)',
    ]);
    const trust = within(table)
      .getAllByTestId('report-row')
      .find((row) => row.getAttribute('data-code') === 'RRK');
    if (trust === undefined) throw new Error('no trust row');
    expect(cellTexts(trust)).toEqual([
      'University Hospitals Birmingham NHS Foundation Trust',
      'RRK',
      '198',
      '165',
      '102',
      '59',
      '52',
      '1',
      '1',
      '200',
      '16.7%',
      '233.9',
      '1:10:53',
      '3:28:14',
      '187.3',
    ]);
  });

  it('lists each acute trust followed by its sites, in the report order', () => {
    renderReport();
    const rows = within(screen.getByTestId('report-trust-table')).getAllByTestId('report-row');
    expect(rows.map((row) => [row.getAttribute('data-level'), row.getAttribute('data-code')])).toEqual([
      ['acute_trust', 'RRK'],
      ['site', 'RRK97'],
      ['site', 'RRK15'],
    ]);
    // A site row says it is a site to a screen reader, and keeps its figures.
    const site = rows[2];
    if (site === undefined) throw new Error('no site row');
    expect(within(site).getByRole('rowheader').textContent).toBe('Site: Queen Elizabeth Hospital Birmingham');
    expect(site.querySelector('[data-column="total_hours"]')?.textContent).toBe('112.7');
    expect(site.querySelector('[data-column="mean_handover_ms"]')?.textContent).toBe('1:08:19');
    // The trust and its sites are one row group, kept together on paper.
    expect(rows[0]?.parentElement).toBe(site.parentElement);
  });

  it('shows England, regions and ambulance trusts to a national credential', () => {
    renderReport();
    expect(screen.getByTestId('report-region-table')).toBeTruthy();
    const ambulance = screen.getByTestId('report-ambulance-table');
    expect(within(ambulance).getByText(String(AMBULANCE_ROW.name))).toBeTruthy();
    expect(screen.getByText('all of England')).toBeTruthy();
  });

  it('shows a trust credential its own trust and sites only: no England, regions or ambulance trusts', () => {
    renderReport(trust1600());
    const headlines = screen.getAllByTestId('report-headline');
    expect(headlines.map((headline) => headline.getAttribute('data-code'))).toEqual(['RRK']);
    expect(screen.queryByRole('heading', { name: 'England' })).toBeNull();
    expect(screen.queryByTestId('report-region-table')).toBeNull();
    expect(screen.queryByTestId('report-ambulance-table')).toBeNull();
    expect(screen.queryAllByTestId('report-row').map((row) => row.getAttribute('data-code'))).toEqual([
      'RRK',
      'RRK97',
      'RRK15',
    ]);
    expect(screen.getByText('University Hospitals Birmingham NHS Foundation Trust (RRK)')).toBeTruthy();
  });

  it('shows an ambulance trust credential its own row as the headline, and no acute trust table', () => {
    renderReport(england1600({ scope: 'ambulance_trust:RYA', rows: [AMBULANCE_ROW], changes: [] }));
    expect(screen.getAllByTestId('report-headline').map((h) => h.getAttribute('data-code'))).toEqual(['RYA']);
    expect(screen.queryByTestId('report-trust-table')).toBeNull();
    expect(screen.getByTestId('report-ambulance-table')).toBeTruthy();
  });

  it('states the period, version and as-at time, and the footer line with the OGL attribution', () => {
    renderReport();
    expect(screen.getByTestId('report-title').textContent).toContain('16:00 report, Monday 12 January 2026');
    expect(screen.getByTestId('report-version').textContent).toBe('2 (revised)');
    expect(screen.getByTestId('report-status').getAttribute('data-status')).toBe('revised');
    const footer = screen.getByTestId('report-footer');
    expect(footer.textContent).toContain(
      '16:00 report, 12 Jan 2026 · Period 16:00 11 Jan to 16:00 12 Jan 2026 (UK time)',
    );
    expect(footer.textContent).toContain('Version 2 (revised)');
    expect(footer.textContent).toContain('As at 17:00, 12 Jan 2026');
    expect(footer.textContent).toContain('Open Government Licence v3.0');
  });

  it('has a Download CSV and a Print button', () => {
    renderReport();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });
});
