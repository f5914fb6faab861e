import type { Scope } from '@handover/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useCredential } from '../../shared/credentials/credential-store';
import { useIdentity } from '../../shared/credentials/identity';
import { formatLondonTimeWithSeconds } from '../../shared/lib/format-time';
import { thresholdsFor } from '../../shared/lib/thresholds';
import { shortTrustName } from '../../shared/lib/trust-names';
import { Link } from '../../shared/router/link';
import { AccessProblem } from '../../shared/ui/access-problem';
import { Breadcrumbs, type Crumb } from '../../shared/ui/breadcrumbs';
import { NhsHeader } from '../../shared/ui/nhs-header';
import { serverNow } from '../../stores/live-store';
import {
  loadOrganisations,
  type OrganisationDirectory,
  useOrganisations,
} from '../../stores/organisations-store';
import { HandoverTimeline } from './handover-timeline';
import { fetchHandover, type HandoverView } from './handover-view';
import '../../shared/ui/button.css';
import './handover.css';

/** How often the page asks again: a handover still open changes while someone reads it. */
const REFRESH_MS = 15_000;

type Load =
  | { status: 'loading' }
  | { status: 'ready'; view: HandoverView; fetchedAt: number }
  | { status: 'not-found' | 'unauthorised' }
  | { status: 'failed'; message: string; last: { view: HandoverView; fetchedAt: number } | null };

/** Route /handover/:handoverId: one handover's timeline, with every correction and release request. */
export default function HandoverPage({ params }: { params: Readonly<Record<string, string>> }) {
  const handoverId = params.handoverId ?? '';
  const token = useCredential();
  const identity = useIdentity(token);
  const directory = useOrganisations();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const thresholds = useMemo(() => thresholdsFor(Date.now()), []);

  const refresh = useCallback(async () => {
    if (token === null) return;
    const result = await fetchHandover(token, handoverId);
    if (result.ok) setLoad({ status: 'ready', view: result.body, fetchedAt: serverNow() });
    else if (result.kind === 'http' && (result.status === 404 || result.status === 400)) {
      setLoad({ status: 'not-found' });
    } else if (result.kind === 'http' && result.status === 401) setLoad({ status: 'unauthorised' });
    else {
      const message = result.kind === 'network' ? 'The server could not be reached.' : result.error.message;
      setLoad((previous) => ({
        status: 'failed',
        message,
        last:
          previous.status === 'ready'
            ? { view: previous.view, fetchedAt: previous.fetchedAt }
            : previous.status === 'failed'
              ? previous.last
              : null,
      }));
    }
  }, [token, handoverId]);

  useEffect(() => {
    if (token !== null) void loadOrganisations(token);
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [token, refresh]);

  if (token === null || load.status === 'unauthorised') {
    const next = encodeURIComponent(window.location.pathname);
    return (
      <AccessProblem
        title={token === null ? 'Sign in to see this handover' : 'This credential was not accepted'}
        actions={
          <Link to={`/sign-in?next=${next}`} className="button button--blue">
            Sign in
          </Link>
        }
      >
        <p>A handover's timeline is shown only to a credential whose area includes it.</p>
      </AccessProblem>
    );
  }
  if (load.status === 'not-found') {
    return (
      <AccessProblem
        title="Handover not found"
        actions={
          <Link to="/" className="button button--blue">
            Go to the start page
          </Link>
        }
      >
        <p>There is no handover with this reference in the area your credential covers.</p>
        <p>Check the link, or open it from the list it came from.</p>
      </AccessProblem>
    );
  }

  const shown = load.status === 'ready' ? load : load.status === 'failed' ? load.last : null;
  const scope = identity.status === 'known' ? identity.identity.scope : null;
  return (
    <div className="handover-page">
      <NhsHeader
        title={shown === null ? 'Handover' : `Handover ${shown.view.callsign}`}
        subtitle="Ambulance handovers · timeline"
      />
      <main className="handover-page__main">
        {shown !== null && <HandoverCrumbs view={shown.view} scope={scope} directory={directory} />}
        {load.status === 'failed' && (
          <p className="handover-page__problem" role="alert">
            Could not refresh: {load.message}{' '}
            {load.last !== null &&
              `Showing the timeline as at ${formatLondonTimeWithSeconds(load.last.fetchedAt)}.`}
          </p>
        )}
        {shown === null ? (
          load.status === 'loading' ? (
            <p className="handover-page__loading">Getting the handover…</p>
          ) : (
            <button type="button" className="button button--blue" onClick={() => void refresh()}>
              Try again
            </button>
          )
        ) : (
          <>
            <HandoverTimeline
              view={shown.view}
              directory={directory}
              thresholds={thresholds}
              now={shown.fetchedAt}
            />
            <p className="handover-page__updated">
              Updated {formatLondonTimeWithSeconds(shown.fetchedAt)}, refreshed every {REFRESH_MS / 1000}{' '}
              seconds.{' '}
              <button type="button" className="button button--secondary" onClick={() => void refresh()}>
                Refresh now
              </button>
            </p>
          </>
        )}
      </main>
    </div>
  );
}

/** The way back up: as far as the credential's own area reaches (England, region, trust or site). */
function HandoverCrumbs({
  view,
  scope,
  directory,
}: {
  view: HandoverView;
  scope: Scope | null;
  directory: OrganisationDirectory | null;
}) {
  const site = directory?.site(view.siteCode);
  const crumbs: Crumb[] = [];
  const kind = scope?.kind;
  if (kind === 'england') crumbs.push({ to: '/national', label: 'England' });
  if (site !== undefined && (kind === 'england' || kind === 'region')) {
    crumbs.push({
      to: `/region/${site.regionCode}`,
      label: directory?.region(site.regionCode)?.name ?? site.regionCode,
    });
  }
  if (site !== undefined && (kind === 'england' || kind === 'region' || kind === 'acute_trust')) {
    const trust = directory?.acuteTrust(site.trustCode)?.name ?? site.trustCode;
    crumbs.push({ to: `/trust/${site.trustCode}`, label: shortTrustName(trust) });
    crumbs.push({ to: `/trust/${site.trustCode}?site=${view.siteCode}`, label: site.name });
  }
  if (kind === 'sites') {
    crumbs.push({ to: `/board/${view.siteCode}`, label: `${site?.name ?? view.siteCode} wall display` });
  }
  if (scope?.kind === 'ambulance_trust') crumbs.push({ to: `/control/${scope.code}`, label: 'Control room' });
  if (crumbs.length === 0) return null;
  return <Breadcrumbs crumbs={crumbs} current={`Handover ${view.callsign}`} />;
}
