import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseCsvRows } from './csv';
import { DAILY_RETURN_COLUMNS, dailyReturnCsv, NHS_HANDOVER_COLUMNS } from './daily-return';
import { HourlyFactStore } from './hourly-fact-store';
import { buildDailyReturn } from './report-builders';
import { EventLog } from './test-support/event-log';
import { referenceOrganisations, referenceText } from './test-support/reference-data';
import { ENGLAND_THRESHOLDS, MINUTE_MS } from './thresholds';

const orgs = referenceOrganisations();
const M = MINUTE_MS;
const day = Date.parse('2026-01-12T00:00:00Z');

describe('daily return', () => {
  it("uses NHS England's column names, in the published order", () => {
    const publishedHeader = parseCsvRows(referenceText('handover_daily.csv'))[0]?.fields ?? [];
    const at = publishedHeader.indexOf('Handover time known');
    expect(publishedHeader.slice(at, at + 9)).toEqual([...NHS_HANDOVER_COLUMNS]);
    expect(DAILY_RETURN_COLUMNS.slice(5, 14)).toEqual([...NHS_HANDOVER_COLUMNS]);
  });

  it('has a row per acute trust followed by one per site, for every trust', () => {
    const built = buildDailyReturn(new HourlyFactStore(ENGLAND_THRESHOLDS), orgs, '2026-01-12', day);
    expect(built.table.rows).toHaveLength(orgs.acuteTrusts.length + orgs.sites.length);
    expect(built.status).toBe('final');
  });

  it('writes the CSV with Date after the names and Version, Status last; parsed back it gives the same cells', () => {
    const facts = new HourlyFactStore(ENGLAND_THRESHOLDS);
    const log = new EventLog(facts);
    log.handOver(log.arrive(day + 60 * M), day + 77 * M); // 17 min
    log.arrive(day + 120 * M); // open
    const built = buildDailyReturn(facts, orgs, '2026-01-12', day + 180 * M);
    expect(built.status).toBe('provisional');
    const text = dailyReturnCsv(built.table, { date: '2026-01-12', version: 2, status: built.status });
    expect(text.split('\r\n')[0]).toBe(
      'Region,Trust code,Trust name,Site code,Site name,Date,Handover time known,Over 15 minutes,' +
        'Over 30 minutes,Over 45 minutes,Over 60 minutes,Handover time unknown,All handovers,Total hours,' +
        'Mean,Still open,Version,Status',
    );
    const site = parseCsvRecords(text).find((record) => record['Site code'] === 'RRK15');
    expect(site).toEqual({
      Region: 'Midlands',
      'Trust code': 'RRK',
      'Trust name': 'University Hospitals Birmingham NHS Foundation Trust',
      'Site code': 'RRK15',
      'Site name': 'Queen Elizabeth Hospital Birmingham',
      Date: '2026-01-12',
      'Handover time known': '1',
      'Over 15 minutes': '1',
      'Over 30 minutes': '0',
      'Over 45 minutes': '0',
      'Over 60 minutes': '0',
      'Handover time unknown': '0',
      'All handovers': '2',
      'Total hours': '0.28333',
      Mean: '0:17:00',
      'Still open': '1',
      Version: '2',
      Status: 'provisional',
    });
    const provisional = dailyReturnCsv(built.table, {
      date: '2026-01-12',
      version: null,
      status: 'provisional',
    });
    expect(parseCsvRecords(provisional)[0]?.Version).toBe('');
  });
});
