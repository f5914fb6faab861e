import { useEffect } from 'react';
import { useCredential } from '../../shared/credentials/credential-store';
import { Link } from '../../shared/router/link';
import { useQueryParam } from '../../shared/router/router';
import { loadOrganisations, useOrganisations } from '../../stores/organisations-store';
import { Report1600View, report1600Href } from './report-1600-view';
import { fetchReport, PROVISIONAL } from './report-api';
import { BackToReports, ReportScreen, reportProblem, shownBody } from './report-frame';
import { useApiResource } from './use-api-resource';

/** A provisional report is as at now: asked again every minute while the page is open. */
const LIVE_REFRESH_MS = 60_000;

/** Route /reports/1600/:date (YYYY-MM-DD or 'provisional'), with ?version=n for an earlier version. */
export default function Report1600Page({ params }: { params: Readonly<Record<string, string>> }) {
  const date = params.date ?? PROVISIONAL;
  const versionParam = useQueryParam('version');
  const version = versionParam === null || !/^\d+$/.test(versionParam) ? null : Number(versionParam);
  const token = useCredential();
  const directory = useOrganisations();
  useEffect(() => {
    if (token !== null) void loadOrganisations(token);
  }, [token]);
  const { load, refresh } = useApiResource(
    token,
    `1600|${date}|${version ?? ''}`,
    (credential) => fetchReport(credential, '1600', date, date === PROVISIONAL ? null : version),
    { refreshMs: LIVE_REFRESH_MS, live: (body) => body.version === null },
  );

  const problem = reportProblem({
    token,
    load,
    what: 'the 16:00 report',
    onRetry: () => void refresh(),
    notFoundAction: (
      <Link to={report1600Href(PROVISIONAL)} className="button button--secondary">
        See the provisional report
      </Link>
    ),
  });
  if (problem !== null) return problem;
  const body = shownBody(load);
  if (body === null || token === null) return null;
  return (
    <ReportScreen>
      <BackToReports />
      {load.status === 'failed' && (
        <p className="reports__problem no-print" role="alert">
          Could not refresh: {load.message}
        </p>
      )}
      <Report1600View body={body} token={token} directory={directory} />
    </ReportScreen>
  );
}
