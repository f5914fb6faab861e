import type { Role, Scope } from '@handover/protocol';
import { useEffect } from 'react';
import { useCredential } from '../../shared/credentials/credential-store';
import { useIdentity } from '../../shared/credentials/identity';
import { describeScope } from '../../shared/credentials/scope-description';
import { Link } from '../../shared/router/link';
import { NhsHeader } from '../../shared/ui/nhs-header';
import {
  loadOrganisations,
  type OrganisationDirectory,
  useOrganisations,
} from '../../stores/organisations-store';
import '../../shared/ui/button.css';
import './sign-in.css';

/** Route /: who this browser is signed in as, and the screens that credential opens. */
export default function StartPage() {
  const token = useCredential();
  const identity = useIdentity(token);
  const directory = useOrganisations();
  useEffect(() => {
    if (token !== null) void loadOrganisations(token);
  }, [token]);

  return (
    <div className="sign-in">
      <NhsHeader
        title="Ambulance handovers"
        subtitle="Live handover times for EDs, control rooms and NHS England"
      />
      <main className="sign-in__main">
        {token === null ? (
          <>
            <h1 className="sign-in__title">You are not signed in</h1>
            <p className="sign-in__lead">
              Open the kiosk link for your screen, or sign in with a credential.
            </p>
            <Link to="/sign-in" className="button button--large">
              Sign in
            </Link>
          </>
        ) : identity.status === 'known' ? (
          <>
            <h1 className="sign-in__title">Signed in as {identity.identity.label}</h1>
            <p className="sign-in__lead">
              This credential covers {describeScope(identity.identity.scope, directory)}.
            </p>
            <ScreenLinks
              scope={identity.identity.scope}
              role={identity.identity.role}
              directory={directory}
            />
          </>
        ) : identity.status === 'unauthorised' ? (
          <>
            <h1 className="sign-in__title">The saved credential was not accepted</h1>
            <p className="sign-in__lead">It may have been revoked. Sign in with a current credential.</p>
            <Link to="/sign-in" className="button button--large">
              Sign in again
            </Link>
          </>
        ) : (
          <>
            <h1 className="sign-in__title">Signed in</h1>
            <p className="sign-in__lead">
              Open a screen by its address, for example /board/RRK15 for a wall display or /entry/RRK15 for
              the entry tablet.
            </p>
            <Link to="/sign-in" className="button button--secondary">
              Use a different credential
            </Link>
          </>
        )}
      </main>
    </div>
  );
}

/** Roles that may read the 16:00 report and the daily return (GET /api/v1/reports/*). */
const REPORT_ROLES: readonly Role[] = ['viewer', 'control', 'ed', 'admin'];

function ScreenLinks({
  scope,
  role,
  directory,
}: {
  scope: Scope;
  role: Role;
  directory: OrganisationDirectory | null;
}) {
  const area = areaScreen(scope);
  const sites = sitesOf(scope, directory);
  const reports = REPORT_ROLES.includes(role);
  return (
    <>
      {(area || reports) && (
        <p className="start__links">
          {area && (
            <Link to={area.path} className="button button--blue button--large">
              {area.label}
            </Link>
          )}
          {reports && (
            <Link to="/reports" className="button button--secondary button--large" data-testid="reports-link">
              Reports: 16:00 and daily return
            </Link>
          )}
        </p>
      )}
      {sites.length > 0 && (
        <ul className="start__sites">
          {sites.map((code) => (
            <li key={code} className="start__site">
              <h2>{directory?.site(code)?.name ?? code}</h2>
              <div className="start__links">
                <Link to={`/board/${code}`} className="button button--blue">
                  Wall display
                </Link>
                <Link to={`/entry/${code}`} className="button button--secondary">
                  Entry tablet
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The overview screen a wider scope opens: national, region, trust or control room. */
function areaScreen(scope: Scope): { path: string; label: string } | undefined {
  switch (scope.kind) {
    case 'england':
      return { path: '/national', label: 'National view' };
    case 'region':
      return { path: `/region/${scope.code}`, label: 'Region view' };
    case 'acute_trust':
      return { path: `/trust/${scope.code}`, label: 'Trust view' };
    case 'ambulance_trust':
      return { path: `/control/${scope.code}`, label: 'Control room' };
    case 'sites':
      return undefined;
  }
}

function sitesOf(scope: Scope, directory: OrganisationDirectory | null): string[] {
  if (scope.kind === 'sites') return [...scope.codes];
  if (scope.kind === 'acute_trust' && directory !== null) {
    return directory.sites.filter((site) => site.trustCode === scope.code).map((site) => site.code);
  }
  return [];
}
