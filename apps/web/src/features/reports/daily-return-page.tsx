import { useEffect } from 'react';
import { useCredential } from '../../shared/credentials/credential-store';
import { useQueryParam } from '../../shared/router/router';
import { loadOrganisations, useOrganisations } from '../../stores/organisations-store';
import { DailyReturnView } from './daily-return-view';
import { fetchReport } from './report-api';
import { BackToReports, ReportScreen, reportProblem, shownBody } from './report-frame';
import { useApiResource } from './use-api-resource';

/** A return computed as at now (not yet stored) is asked again every minute. */
const LIVE_REFRESH_MS = 60_000;

/** Route /reports/daily-return/:date, with ?version=n for an earlier version. */
export default function DailyReturnPage({ params }: { params: Readonly<Record<string, string>> }) {
  const date = params.date ?? '';
  const versionParam = useQueryParam('version');
  const version = versionParam === null || !/^\d+$/.test(versionParam) ? null : Number(versionParam);
  const token = useCredential();
  const directory = useOrganisations();
  useEffect(() => {
    if (token !== null) void loadOrganisations(token);
  }, [token]);
  const { load, refresh } = useApiResource(
    token,
    `daily-return|${date}|${version ?? ''}`,
    (credential) => fetchReport(credential, 'daily-return', date, version),
    { refreshMs: LIVE_REFRESH_MS, live: (body) => body.version === null },
  );

  const problem = reportProblem({ token, load, what: 'the daily return', onRetry: () => void refresh() });
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
      <DailyReturnView body={body} token={token} directory={directory} />
    </ReportScreen>
  );
}
