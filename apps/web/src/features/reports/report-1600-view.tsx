import { ENGLAND_THRESHOLDS, thresholdsAt } from '@handover/domain';
import { lazy, Suspense, useMemo } from 'react';
import { describeScope } from '../../shared/credentials/scope-description';
import type { OrganisationDirectory } from '../../stores/organisations-store';
import { CsvDownloadButton } from './csv-download-button';
import { csvFileName, csvPath, PROVISIONAL, type ReportBody, type ReportRecord } from './report-api';
import { formatInstant } from './report-dates';
import { PrintButton, ReportFooter, ReportHeading } from './report-frame';
import { ReportHeadline } from './report-headline';
import { isProvisional1600, parseScopeText } from './report-meta';
import {
  breakdownRows,
  columnLabel,
  formatChangeValue,
  headlineRows,
  hoursLostBasisOf,
  metricColumns,
  sectionsOf,
  targetMinutesOf,
  textCell,
} from './report-rows';
import { FlatTable, TrustTable } from './report-table';
import { ReportChanges, ReportVersions } from './report-versions';

const ReportCharts = lazy(() => import('./report-charts'));

const LEVEL_WORDS = { region: 'region', acute_trust: 'acute trust', site: 'site' } as const;

/** The address of a 16:00 report page (a version, or the latest). */
export function report1600Href(date: string, version?: number | null): string {
  const base = `/reports/1600/${date}`;
  return version === null || version === undefined ? base : `${base}?version=${version}`;
}

/**
 * A 16:00 report as the credential sees it: headline figures for England or the scope's total, the
 * charts, then the tables (regions, acute trusts with a row per site, ambulance trusts), the versions
 * and what the version shown changed, and the footer. Printable on A4 (reports.css).
 */
export function Report1600View({
  body,
  token,
  directory,
  charts = true,
}: {
  body: ReportBody;
  token: string;
  directory: OrganisationDirectory | null;
  /** Off in tests that do not need the chart chunk. */
  charts?: boolean;
}) {
  const sections = useMemo(() => sectionsOf(body.rows), [body.rows]);
  const thresholds = thresholdsAt(ENGLAND_THRESHOLDS, Date.parse(body.period.start));
  const target = targetMinutesOf(body.columns);
  const basis = hoursLostBasisOf(body.rows, thresholds.hoursLostBasisMinutes);
  const columns = metricColumns(body.columns, basis);
  const headlines = headlineRows(sections);
  const breakdown = breakdownRows(sections);
  const scope = parseScopeText(body.scope);
  const scopeText = scope === null ? body.scope : describeScope(scope, directory);
  const provisional = isProvisional1600(body);
  const date = provisional ? PROVISIONAL : body.date;
  const rowNames = useMemo(
    () =>
      new Map<string, ReportRecord>(
        body.rows.map((row) => [`${textCell(row, 'level')}/${textCell(row, 'code')}`, row]),
      ),
    [body.rows],
  );
  const rowName = (key: string) => {
    const row = rowNames.get(key);
    return row === undefined ? key : `${textCell(row, 'name')} (${textCell(row, 'code')})`;
  };
  const [firstHeadline] = headlines;

  return (
    <article className="report" data-testid="report-1600" data-version={body.version ?? 'provisional'}>
      <ReportHeading
        body={body}
        scopeText={scopeText}
        badge={<StatusBadge status={body.status} />}
        actions={
          <>
            <CsvDownloadButton
              token={token}
              path={csvPath('1600', date, body.version)}
              fallbackName={csvFileName('1600', body.date, body.version)}
            />
            <PrintButton />
          </>
        }
      />
      {provisional && (
        <p className="report-note" role="note">
          Provisional: the figures so far, as at {formatInstant(body.asAt)}. The report is frozen at{' '}
          {formatInstant(body.period.end)} and this page refreshes every minute until then.
        </p>
      )}
      <ReportVersions body={body} pathOf={(version) => report1600Href(body.date, version)} />

      {headlines.length === 0 ? (
        <p className="report-note">This report has no rows for the area this credential covers.</p>
      ) : (
        headlines.map((row) => (
          <ReportHeadline
            key={textCell(row, 'code')}
            row={row}
            columns={body.columns}
            contractShare={thresholds.contract.within15}
            hoursLostBasis={basis}
          />
        ))
      )}

      {charts && firstHeadline !== undefined && (
        <Suspense fallback={<p className="report-note no-print">Loading the charts…</p>}>
          <ReportCharts
            headline={firstHeadline}
            breakdown={breakdown.rows}
            breakdownTitle={
              LEVEL_WORDS[
                breakdown.level === 'region' || breakdown.level === 'acute_trust' ? breakdown.level : 'site'
              ]
            }
            columns={body.columns}
            contractShare={thresholds.contract.within15}
            target={target}
          />
        </Suspense>
      )}

      <FlatTable
        id="report-regions"
        title="Regions"
        first="Region"
        rows={sections.england === null && sections.regions.length <= 1 ? [] : sections.regions}
        columns={columns}
        testId="report-region-table"
      />
      <TrustTable
        groups={sections.trusts}
        columns={columns}
        siteName={(code) => directory?.acuteTrust(code)?.name ?? code}
      />
      <FlatTable
        id="report-ambulance"
        title="Ambulance trusts"
        first="Ambulance trust"
        rows={sections.ambulanceTrusts}
        columns={columns}
        testId="report-ambulance-table"
        note="Handovers of each ambulance trust's conveyances, wherever they went. AACE reports hours lost per ambulance trust."
      />

      <ReportChanges
        key={`${body.date}/${body.version ?? 'live'}`}
        body={body}
        rowName={rowName}
        columnName={(column) => columnLabel(column, basis)}
        formatValue={formatChangeValue}
      />
      <ReportFooter body={body} />
    </article>
  );
}

/** Provisional, frozen or revised: in words, with a shape, never by colour alone. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`report-badge report-badge--${status}`} data-testid="report-status" data-status={status}>
      {status}
    </span>
  );
}
