import { type Scope, unknownScopeCodes } from '@handover/protocol';
import { type ReactNode, useEffect } from 'react';
import { useLiveStore } from '../../stores/live-store';
import { loadOrganisations, useOrganisations } from '../../stores/organisations-store';
import { useCredential } from '../credentials/credential-store';
import { useIdentity } from '../credentials/identity';
import { describeScope, describeUnknownCodes } from '../credentials/scope-description';
import { useLiveConnection } from '../live-client/page-live-client';
import { Link } from '../router/link';
import { AccessProblem } from './access-problem';
import { BadAddress } from './bad-address';
import { ConnectionBanner } from './connection-banner';
import './button.css';
import './live-screen-gate.css';

interface LiveScreenGateProps {
  /** What the screen shows: the live client asks the server for exactly this. */
  scope: Scope;
  /** "the ED wall display", "the entry page": used in messages. */
  screenName: string;
  bannerSize?: 'normal' | 'wall';
  /** False for screens that must work before (or without) data, such as the entry tablet offline. */
  waitForSnapshot?: boolean;
  /** Shown under a refusal: what this screen keeps meanwhile (e.g. events not yet sent). */
  refusalNote?: ReactNode;
  children: ReactNode;
}

/**
 * Everything a live screen needs before it can show data: a credential, the page's live connection
 * to `scope`, the organisation names and a first snapshot. When the server refuses, it says why in
 * plain words and offers sign-in, instead of retrying for ever.
 */
export function LiveScreenGate({
  scope,
  screenName,
  bannerSize = 'normal',
  waitForSnapshot = true,
  refusalNote,
  children,
}: LiveScreenGateProps) {
  const token = useCredential();
  useLiveConnection(token, scope);
  useEffect(() => {
    if (token !== null) void loadOrganisations(token);
  }, [token]);
  const refusal = useLiveStore((state) => state.connection.refusal);
  const hasSnapshot = useLiveStore((state) => state.hasSnapshot && state.scopeKey === JSON.stringify(scope));

  if (token === null) {
    return (
      <AccessProblem title="Sign in to see this screen" actions={<SignInLink label="Sign in" />}>
        <p>This browser has no credential for {screenName}.</p>
        <p>Open the kiosk link you were given, or sign in by pasting a credential.</p>
        {refusalNote}
      </AccessProblem>
    );
  }
  if (refusal?.reason === 'unauthorised') {
    return (
      <AccessProblem title="This credential was not accepted" actions={<SignInLink label="Sign in again" />}>
        <p>The server did not accept the credential saved in this browser.</p>
        <p>It may have been revoked, or copied wrongly. Ask your system administrator for a current one.</p>
        {refusalNote}
      </AccessProblem>
    );
  }
  if (refusal?.reason === 'forbidden') {
    return <ScopeRefused token={token} scope={scope} screenName={screenName} note={refusalNote} />;
  }
  if (refusal?.reason === 'incompatible') {
    return (
      <AccessProblem
        title="This screen needs updating"
        actions={
          <button type="button" className="button button--blue" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        }
      >
        <p>The server has been updated and this page is an older version. Reloading fixes it.</p>
      </AccessProblem>
    );
  }
  if (waitForSnapshot && !hasSnapshot) {
    return (
      <div className="live-screen-gate__waiting">
        <ConnectionBanner size={bannerSize} />
        <p className="live-screen-gate__waiting-text">Getting the latest handovers…</p>
      </div>
    );
  }
  return children;
}

interface ScopeRefusedProps {
  token: string;
  scope: Scope;
  screenName: string;
  note: ReactNode;
}

function ScopeRefused({ token, scope, screenName, note }: ScopeRefusedProps) {
  const identity = useIdentity(token);
  const directory = useOrganisations();
  // The server also refuses a scope naming a code it does not know (a typo in the address): saying
  // so, rather than blaming the credential, sends people to the address.
  const unknown = directory === null ? [] : unknownScopeCodes(scope, directory);
  if (unknown.length > 0) {
    return (
      <BadAddress
        message={`${describeUnknownCodes(scope, unknown)} Check the address: it may have been typed wrongly.`}
      />
    );
  }
  const needs = describeScope(scope, directory);
  const covers = identity.status === 'known' ? describeScope(identity.identity.scope, directory) : null;
  return (
    <AccessProblem
      title="This credential does not cover this screen"
      actions={<SignInLink label="Use a different credential" />}
    >
      <p>
        {covers === null ? 'This credential covers a different area' : `This credential covers ${covers}`};{' '}
        {screenName} needs {needs}.
      </p>
      <p>Open the link for your own site, or sign in with a credential for {needs}.</p>
      {note}
    </AccessProblem>
  );
}

function SignInLink({ label }: { label: string }) {
  const next = window.location.pathname + window.location.search;
  return (
    <Link to={`/sign-in?next=${encodeURIComponent(next)}`} className="button button--blue">
      {label}
    </Link>
  );
}
