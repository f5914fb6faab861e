import { localDateOf } from '@handover/domain';
import { useEffect } from 'react';
import { useCredential } from '../../shared/credentials/credential-store';
import { Link } from '../../shared/router/link';
import { loadOrganisations } from '../../stores/organisations-store';
import { CsvDownloadButton } from './csv-download-button';
import { dailyReturnHref } from './daily-return-view';
import { report1600Href, StatusBadge } from './report-1600-view';
import {
  csvFileName,
  csvPath,
  fetchReport,
  fetchReportList,
  PROVISIONAL,
  type ReportBody,
  type ReportKindName,
  type ReportListBody,
  type ReportListEntry,
} from './report-api';
import { formatInstant, formatPeriod, formatReportDate, formatShortReportDate } from './report-dates';
import { ReportScreen, reportProblem, shownBody } from './report-frame';
import {
  formatCount,
  formatPct,
  headlineRows,
  numberCell,
  sectionsOf,
  targetMinutesOf,
  textCell,
} from './report-rows';
import { type ResourceLoad, useApiResource } from './use-api-resource';

const LIVE_REFRESH_MS = 60_000;

/**
 * Route /reports: the 16:00 report due next (provisional, as at now) at the top, then the frozen
 * 16:00 reports and the daily returns, newest first, each with its page and its CSV.
 */
export default function ReportsListPage() {
  const token = useCredential();
  useEffect(() => {
    if (token !== null) void loadOrganisations(token);
  }, [token]);
  const provisional = useApiResource(
    token,
    'provisional',
    (credential) => fetchReport(credential, '1600', PROVISIONAL),
    { refreshMs: LIVE_REFRESH_MS, live: () => true },
  );
  const reports = useApiResource(token, 'list-1600', (credential) => fetchReportList(credential, '1600'));
  const returns = useApiResource(token, 'list-daily-return', (credential) =>
    fetchReportList(credential, 'daily-return'),
  );

  const problem = reportProblem({
    token,
    load: reports.load,
    what: 'the reports',
    onRetry: () => void reports.refresh(),
  });
  if (problem !== null) return problem;
  if (token === null) return null;
  const today = localDateOf(Date.now());
  return (
    <ReportScreen>
      <h2 className="reports__title">Reports</h2>
      <p className="reports__lead">
        The 16:00 report covers the 24 hours to 16:00 (UK time) and is frozen then; later corrections make a
        new version, never a silent change. The daily return covers a calendar day in NHS England's format.
      </p>
      <ProvisionalCard load={provisional.load} token={token} />
      <ReportList
        kind="1600"
        token={token}
        load={reports.load}
        title="16:00 reports"
        hrefOf={(entry) => report1600Href(entry.date)}
        testId="reports-1600-list"
      />
      <ReportList
        kind="daily-return"
        token={token}
        load={returns.load}
        title="Daily returns"
        hrefOf={(entry) => dailyReturnHref(entry.date)}
        testId="reports-daily-return-list"
        live={{ date: today, href: dailyReturnHref(today) }}
      />
    </ReportScreen>
  );
}

function ProvisionalCard({ load, token }: { load: ResourceLoad<ReportBody>; token: string }) {
  const body = shownBody(load);
  return (
    <section className="reports-card" data-testid="report-provisional" aria-labelledby="provisional-title">
      <h3 id="provisional-title" className="reports-card__title">
        Due at 16:00{body === null ? '' : ` on ${formatReportDate(body.date)}`}{' '}
        <StatusBadge status="provisional" />
      </h3>
      {body === null ? (
        <p>
          {load.status === 'loading'
            ? 'Getting the figures so far…'
            : 'The figures so far could not be loaded.'}
        </p>
      ) : (
        <>
          <p>
            Period {formatPeriod(body.period)} (UK time), as at {formatInstant(body.asAt)}.
          </p>
          <ProvisionalSummary body={body} />
          <p className="reports-card__actions">
            <Link to={report1600Href(PROVISIONAL)} className="button button--blue report-button">
              Open the provisional report
            </Link>
            <CsvDownloadButton
              token={token}
              path={csvPath('1600', PROVISIONAL)}
              fallbackName={csvFileName('1600', body.date, null)}
              accessibleName="Download CSV: provisional 16:00 report"
            />
          </p>
        </>
      )}
    </section>
  );
}

function ProvisionalSummary({ body }: { body: ReportBody }) {
  const [row] = headlineRows(sectionsOf(body.rows));
  if (row === undefined) return null;
  const target = targetMinutesOf(body.columns);
  return (
    <p className="reports-card__summary">
      {textCell(row, 'name')} so far:{' '}
      <strong>{formatPct(numberCell(row, `within_${target}_minutes_pct`))}</strong> within {target} minutes of{' '}
      {formatCount(numberCell(row, 'handover_time_known'))} handovers with a known time;{' '}
      {formatCount(numberCell(row, 'still_open'))} still open.
    </p>
  );
}

function ReportList({
  kind,
  token,
  load,
  title,
  hrefOf,
  testId,
  live,
}: {
  kind: ReportKindName;
  token: string;
  load: ResourceLoad<ReportListBody>;
  title: string;
  hrefOf: (entry: ReportListEntry) => string;
  testId: string;
  /** Today's return, computed as at now, listed first. */
  live?: { date: string; href: string };
}) {
  const body = shownBody(load);
  const entries = (body?.reports ?? []).filter((entry) => entry.date !== live?.date);
  const what = kind === '1600' ? '16:00 report' : 'daily return';
  return (
    <section className="report-section reports-list" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`} className="report-section__title">
        {title}
      </h3>
      {body === null ? (
        <p>{load.status === 'loading' ? 'Getting the list…' : 'The list could not be loaded.'}</p>
      ) : (
        <div className="report-table__scroll">
          <table className="report-table reports-list__table" data-testid={testId}>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Period (UK time)</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Frozen at</th>
                <th scope="col">Last updated</th>
                <th scope="col">
                  <span className="visually-hidden">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live !== undefined && (
                <tr data-testid="report-list-row" data-date={live.date} data-live="true">
                  <th scope="row">
                    <Link to={live.href} className="reports-list__date">
                      {formatShortReportDate(live.date)}
                    </Link>
                  </th>
                  <td>Today so far</td>
                  <td>Live</td>
                  <td>
                    <StatusBadge status="provisional" />
                  </td>
                  <td>At midnight</td>
                  <td>Now</td>
                  <td>
                    <CsvDownloadButton
                      token={token}
                      path={csvPath(kind, live.date)}
                      fallbackName={csvFileName(kind, live.date, null)}
                      accessibleName={`Download CSV: ${what} ${formatReportDate(live.date)} so far`}
                    />
                  </td>
                </tr>
              )}
              {entries.length === 0 && live === undefined && (
                <tr>
                  <td colSpan={7}>No {what}s have been frozen yet.</td>
                </tr>
              )}
              {entries.map((entry) => (
                <tr key={entry.date} data-testid="report-list-row" data-date={entry.date}>
                  <th scope="row">
                    <Link to={hrefOf(entry)} className="reports-list__date">
                      {formatShortReportDate(entry.date)}
                    </Link>
                  </th>
                  <td>{formatPeriod(entry.period)}</td>
                  <td>v{entry.latestVersion}</td>
                  <td>
                    <StatusBadge status={entry.status} />
                  </td>
                  <td>{formatInstant(entry.frozenAt)}</td>
                  <td>{formatInstant(entry.updatedAt)}</td>
                  <td>
                    <CsvDownloadButton
                      token={token}
                      path={csvPath(kind, entry.date, entry.latestVersion)}
                      fallbackName={csvFileName(kind, entry.date, entry.latestVersion)}
                      accessibleName={`Download CSV: ${what} ${formatReportDate(entry.date)}, version ${entry.latestVersion}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
