import { useMemo } from 'react';
import { describeScope } from '../../shared/credentials/scope-description';
import type { OrganisationDirectory } from '../../stores/organisations-store';
import { CsvDownloadButton } from './csv-download-button';
import { type CellValue, csvFileName, csvPath, type ReportBody, type ReportRecord } from './report-api';
import { PrintButton, ReportFooter, ReportHeading } from './report-frame';
import { parseScopeText } from './report-meta';
import { NO_VALUE, numberCell, textCell } from './report-rows';
import { ReportChanges, ReportVersions } from './report-versions';

/** The columns that hold numbers (right-aligned); the others are text. */
const TEXT_COLUMNS = new Set(['Region', 'Trust code', 'Trust name', 'Site code', 'Site name']);

/** A class per column, for the printed page's column widths: 'Trust name' -> 'col-trust-name'. */
const columnClass = (column: string) => `col-${column.toLowerCase().replaceAll(' ', '-')}`;

/** A daily return cell as NHS England writes it: `Total hours` to 5 places, `Mean` as H:MM:SS(.ffffff). */
export function dailyReturnCell(column: string, value: CellValue): string {
  if (value === null || value === '') return column === 'Mean' ? NO_VALUE : '';
  if (column === 'Total hours' && typeof value === 'number') return value.toFixed(5);
  return String(value);
}

export function dailyReturnHref(date: string, version?: number | null): string {
  const base = `/reports/daily-return/${date}`;
  return version === null || version === undefined ? base : `${base}?version=${version}`;
}

/** Consecutive rows of one trust (its row, then its sites), in the return's order. */
export function trustGroups(rows: readonly ReportRecord[]): { trustCode: string; rows: ReportRecord[] }[] {
  const groups: { trustCode: string; rows: ReportRecord[] }[] = [];
  for (const row of rows) {
    const trustCode = textCell(row, 'Trust code');
    const last = groups.at(-1);
    if (last !== undefined && last.trustCode === trustCode) last.rows.push(row);
    else groups.push({ trustCode, rows: [row] });
  }
  return groups;
}

/** Handovers still open in the return: it stays provisional while any remain. */
export function stillOpenTotal(rows: readonly ReportRecord[]): number {
  // Trust rows add up their sites; a site credential sees only site rows.
  const trusts = rows.filter((row) => textCell(row, 'Site code') === '');
  return (trusts.length > 0 ? trusts : rows).reduce(
    (sum, row) => sum + (numberCell(row, 'Still open') ?? 0),
    0,
  );
}

/**
 * The NHS England daily return of one London day: a row per acute trust followed by its sites, the
 * columns exactly as the API (and the CSV) name them, a provisional badge while handovers remain open.
 */
export function DailyReturnView({
  body,
  token,
  directory,
}: {
  body: ReportBody;
  token: string;
  directory: OrganisationDirectory | null;
}) {
  const scope = parseScopeText(body.scope);
  const scopeText = scope === null ? body.scope : describeScope(scope, directory);
  const open = stillOpenTotal(body.rows);
  const keyed = useMemo(
    () =>
      new Map(body.rows.map((row) => [`${textCell(row, 'Trust code')}/${textCell(row, 'Site code')}`, row])),
    [body.rows],
  );
  const rowName = (key: string) => {
    const row = keyed.get(key);
    if (row === undefined) return key;
    const site = textCell(row, 'Site name');
    return site === ''
      ? `${textCell(row, 'Trust name')} (${textCell(row, 'Trust code')})`
      : `${site} (${textCell(row, 'Site code')})`;
  };
  const provisional = body.status === 'provisional';
  return (
    <article
      className="report report--daily-return"
      data-testid="daily-return"
      data-version={body.version ?? 'live'}
    >
      <ReportHeading
        body={body}
        scopeText={scopeText}
        badge={
          <span
            className={`report-badge report-badge--${body.status}`}
            data-testid="report-status"
            data-status={body.status}
          >
            {body.status}
          </span>
        }
        actions={
          <>
            <CsvDownloadButton
              token={token}
              path={csvPath('daily-return', body.date, body.version)}
              fallbackName={csvFileName('daily-return', body.date, body.version)}
            />
            <PrintButton />
          </>
        }
      />
      {provisional && (
        <p className="report-note report-note--provisional" role="note" data-testid="provisional-note">
          <strong>Provisional:</strong>{' '}
          {open > 0
            ? `${open.toLocaleString('en-GB')} ${open === 1 ? 'handover is' : 'handovers are'} still open, so these figures will change.`
            : 'handovers of this day are still open elsewhere in England.'}{' '}
          The return becomes final when every handover of the day has a time or is closed.
        </p>
      )}
      {body.version === null && (
        <p className="report-note" role="note">
          Computed as at now: the day's return is stored at midnight and amended for 14 days after.
        </p>
      )}
      <ReportVersions body={body} pathOf={(version) => dailyReturnHref(body.date, version)} />
      {body.rows.length === 0 ? (
        <p className="report-note">
          The daily return is per acute trust and site: it has no rows for the area this credential covers.
        </p>
      ) : (
        <section className="report-section" aria-labelledby="daily-return-title">
          <h3 id="daily-return-title" className="report-section__title">
            Ambulance handovers by acute trust and site
          </h3>
          <p className="report-section__note">
            NHS England's column names and formats: Total hours in decimal hours, Mean as H:MM:SS.ffffff. All
            handovers includes those still open.
          </p>
          <div className="report-table__scroll">
            <table className="report-table report-table--daily" data-testid="daily-return-table">
              <thead>
                <tr>
                  {body.columns.map((column) => (
                    <th
                      key={column}
                      scope="col"
                      className={`${columnClass(column)}${TEXT_COLUMNS.has(column) ? '' : ' num'}`}
                    >
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              {trustGroups(body.rows).map((group) => (
                // Each trust with its sites: a row group the printed page keeps together.
                <tbody key={group.trustCode} className="report-table__group">
                  {group.rows.map((row) => {
                    const site = textCell(row, 'Site code');
                    return (
                      <tr
                        key={`${group.trustCode}/${site}`}
                        className={`report-table__row report-table__row--${site === '' ? 'trust' : 'site'}`}
                        data-testid="daily-return-row"
                        data-trust={group.trustCode}
                        data-site={site}
                      >
                        {body.columns.map((column) => (
                          <td
                            key={column}
                            className={`${columnClass(column)}${TEXT_COLUMNS.has(column) ? '' : ' num'}`}
                          >
                            {dailyReturnCell(column, row[column] ?? null)}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
        </section>
      )}
      <ReportChanges
        key={`${body.date}/${body.version ?? 'live'}`}
        body={body}
        rowName={rowName}
        columnName={(column) => column}
        formatValue={dailyReturnCell}
      />
      <ReportFooter body={body} />
    </article>
  );
}
