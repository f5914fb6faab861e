import { type Handover, handoverTime } from '@handover/domain';
import { useMemo, useState } from 'react';
import { thresholdsFor } from '../../shared/lib/thresholds';
import { ConnectionBanner } from '../../shared/ui/connection-banner';
import { NhsHeader } from '../../shared/ui/nhs-header';
import { serverNow, useLiveStore } from '../../stores/live-store';
import { useOrganisations } from '../../stores/organisations-store';
import { ArrivalForm } from './arrival-form';
import { CorrectionDialog } from './correction-dialog';
import { EntryList } from './entry-list';
import { OutboxCount, OutboxProblem, RefusedEvents } from './outbox-status';
import { withPendingEvents } from './pending-overlay';
import { usePageOutbox } from './use-page-outbox';
import '../../shared/ui/button.css';
import '../../shared/ui/panel.css';
import './entry.css';

const LISTED_STATES = new Set(['inbound', 'waiting', 'cohorted', 'handed_over']);

/** The ED's tablet: record arrivals and stamps, see what has not reached the server yet. */
export function EntryScreen({ siteCode }: { siteCode: string }) {
  const serverHandovers = useLiveStore((state) => state.handovers);
  const hasSnapshot = useLiveStore((state) => state.hasSnapshot);
  const directory = useOrganisations();
  const [outboxState, outbox] = usePageOutbox();
  const [correcting, setCorrecting] = useState<string | null>(null);
  const thresholds = useMemo(() => thresholdsFor(serverNow()), []);

  // What staff see includes what this tablet recorded and has not sent yet.
  const overlay = useMemo(
    () =>
      withPendingEvents(
        serverHandovers,
        outboxState.pending.map((item) => item.event),
        serverNow(),
      ),
    [serverHandovers, outboxState.pending],
  );
  const listed = useMemo(
    () => atSite(overlay.handovers, siteCode, serverNow()),
    [overlay.handovers, siteCode],
  );
  const correctingHandover = correcting === null ? undefined : overlay.handovers.get(correcting);
  const siteName = directory?.site(siteCode)?.name ?? siteCode;

  return (
    <div className="entry">
      <NhsHeader title={siteName} subtitle="Ambulance handovers · ED entry">
        <OutboxCount snapshot={outboxState} />
      </NhsHeader>
      <ConnectionBanner />
      <OutboxProblem snapshot={outboxState} outbox={outbox} />
      <main className="entry__main">
        <section className="entry-panel entry-panel--form">
          <ArrivalForm
            siteCode={siteCode}
            directory={directory}
            usualTrustCode={mostFrequentTrust(listed)}
            record={(event) => outbox.enqueue(event)}
          />
        </section>
        <section className="entry-panel entry-panel--list" aria-labelledby="waiting-title">
          <h2 id="waiting-title" className="entry-panel__title">
            At the ED now <span className="panel__count entry-panel__count">{listed.length}</span>
          </h2>
          {!hasSnapshot && (
            <p className="entry-notice" role="status">
              Not connected to the server yet. You can still record arrivals: they are kept on this tablet and
              sent when the connection is back. The list below shows only what this tablet has recorded.
            </p>
          )}
          <RefusedEvents snapshot={outboxState} outbox={outbox} handovers={overlay.handovers} />
          <EntryList
            handovers={listed}
            unsent={overlay.unsent}
            thresholds={thresholds}
            directory={directory}
            record={(event) => outbox.enqueue(event)}
            onCorrect={(handover: Handover) => setCorrecting(handover.handoverId)}
          />
        </section>
      </main>
      {correctingHandover !== undefined && (
        <CorrectionDialog
          handover={correctingHandover}
          record={(event) => outbox.enqueue(event)}
          onClose={() => setCorrecting(null)}
        />
      )}
    </div>
  );
}

/** Handed-over crews older than this are presumed gone without a clear stamp. */
const AWAITING_CLEAR_WINDOW_MS = 2 * 3_600_000;

/** Ambulances at the site still needing a stamp: arrived ones by arrival, then pre-alerts by ETA. */
function atSite(handovers: ReadonlyMap<string, Handover>, siteCode: string, now: number): Handover[] {
  const gone = (h: Handover) =>
    h.state === 'handed_over' && now - (handoverTime(h) ?? 0) > AWAITING_CLEAR_WINDOW_MS;
  const here = [...handovers.values()].filter(
    (h) => h.siteCode === siteCode && LISTED_STATES.has(h.state) && !gone(h),
  );
  const arrived = here
    .filter((h) => h.arrivedAt !== undefined)
    .sort((a, b) => (a.arrivedAt ?? 0) - (b.arrivedAt ?? 0));
  const inbound = here
    .filter((h) => h.arrivedAt === undefined)
    .sort((a, b) => (a.expectedAt ?? 0) - (b.expectedAt ?? 0));
  return [...arrived, ...inbound];
}

function mostFrequentTrust(handovers: readonly Handover[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { ambulanceTrustCode } of handovers)
    counts.set(ambulanceTrustCode, (counts.get(ambulanceTrustCode) ?? 0) + 1);
  let best: string | undefined;
  for (const [code, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = code;
  return best;
}
