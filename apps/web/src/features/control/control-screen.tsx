import { calendarDay, localDateOf } from '@handover/domain';
import { useMemo } from 'react';
import { useCredential } from '../../shared/credentials/credential-store';
import { useIdentity } from '../../shared/credentials/identity';
import { thresholdsFor } from '../../shared/lib/thresholds';
import { shortTrustName } from '../../shared/lib/trust-names';
import { useLiveFrame } from '../../shared/live-client/use-live-frame';
import { ConnectionBanner } from '../../shared/ui/connection-banner';
import { LiveClock } from '../../shared/ui/live-clock';
import { NhsHeader } from '../../shared/ui/nhs-header';
import { serverNow } from '../../stores/live-store';
import { useOrganisations } from '../../stores/organisations-store';
import { ControlFigures } from './control-figures';
import { controlView } from './control-view';
import { HeldCrews } from './held-crews';
import { SiteTable } from './site-table';
import '../../shared/ui/button.css';
import '../../shared/ui/panel.css';
import './control.css';

/** Roles whose credential may ask an ED to release a crew (the server has the last word). */
const REQUESTING_ROLES = new Set(['control', 'admin']);

/**
 * The control room: every hospital the trust's crews are at, most pressed first; every crew held,
 * longest first, with Release to Respond. Figures refresh once a second from one aggregation.
 */
export function ControlScreen({ ambulanceTrustCode }: { ambulanceTrustCode: string }) {
  const frame = useLiveFrame(1_000);
  const directory = useOrganisations();
  const token = useCredential();
  const identity = useIdentity(token);
  const thresholds = useMemo(() => thresholdsFor(serverNow()), []);
  const date = localDateOf(frame.now);
  const today = useMemo(() => calendarDay(date), [date]);
  const view = useMemo(
    () => controlView(frame.handovers.values(), { now: frame.now, thresholds, today }, directory),
    [frame, thresholds, today, directory],
  );

  const serviceName = directory?.ambulanceTrust(ambulanceTrustCode)?.name;
  // Unknown role (server unreachable): offer the action and let the server decide.
  const canRequest = identity.status !== 'known' || REQUESTING_ROLES.has(identity.identity.role);
  return (
    <div className="control">
      <NhsHeader
        title={`${serviceName === undefined ? ambulanceTrustCode : shortTrustName(serviceName)} control room`}
        subtitle="Ambulance handovers · crews at hospitals now"
      >
        <LiveClock />
      </NhsHeader>
      <ConnectionBanner />
      <main className="control__main">
        <ControlFigures figures={view.totals} thresholds={thresholds} />
        <div className="control__columns">
          <SiteTable active={view.active} quiet={view.quiet} thresholds={thresholds} />
          <HeldCrews
            held={view.held}
            now={frame.now}
            thresholds={thresholds}
            directory={directory}
            token={token}
            canRequest={canRequest}
          />
        </div>
      </main>
    </div>
  );
}
