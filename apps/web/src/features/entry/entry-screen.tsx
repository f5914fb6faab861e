import type { Handover } from '@handover/domain';
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { thresholdsFor } from '../../shared/lib/thresholds';
import { ConnectionBanner } from '../../shared/ui/connection-banner';
import { NhsHeader } from '../../shared/ui/nhs-header';
import { serverNow, useLiveStore } from '../../stores/live-store';
import { useOrganisations } from '../../stores/organisations-store';
import { tickStore } from '../../stores/tick-store';
import { ArrivalForm } from './arrival-form';
import { CorrectionDialog } from './correction-dialog';
import { entryGroups } from './entry-groups';
import { EntryList } from './entry-list';
import { OutboxCount, OutboxProblem, RefusedEvents } from './outbox-status';
import { withPendingEvents } from './pending-overlay';
import type { RecordEvent } from './record-event';
import { usePageOutbox } from './use-page-outbox';
import '../../shared/ui/button.css';
import '../../shared/ui/panel.css';
import './entry.css';

/** The ED's tablet: record arrivals and stamps, see what has not reached the server yet. */
export function EntryScreen({ siteCode }: { siteCode: string }) {
  const serverHandovers = useLiveStore((state) => state.handovers);
  const hasSnapshot = useLiveStore((state) => state.hasSnapshot);
  const directory = useOrganisations();
  const [outboxState, outbox] = usePageOutbox();
  const [correcting, setCorrecting] = useState<string | null>(null);
  const thresholds = useMemo(() => thresholdsFor(serverNow()), []);
  const now = useServerMinute();

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
  const groups = useMemo(
    () => entryGroups(overlay.handovers.values(), siteCode, now, thresholds),
    [overlay.handovers, siteCode, now, thresholds],
  );
  const record: RecordEvent = (event) => outbox.enqueue(event);
  const listProps = {
    now,
    unsent: overlay.unsent,
    thresholds,
    directory,
    record,
    onCorrect: (handover: Handover) => setCorrecting(handover.handoverId),
  };
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
            usualTrustCode={mostFrequentTrust([...groups.atEd, ...groups.expected])}
            record={record}
          />
        </section>
        <section className="entry-panel entry-panel--list" aria-labelledby="waiting-title">
          <h2 id="waiting-title" className="entry-panel__title">
            At the ED now <span className="panel__count entry-panel__count">{groups.atEd.length}</span>
          </h2>
          {!hasSnapshot && (
            <p className="entry-notice" role="status">
              Not connected to the server yet. You can still record arrivals: they are kept on this tablet and
              sent when the connection is back. The list below shows only what this tablet has recorded.
            </p>
          )}
          <RefusedEvents snapshot={outboxState} outbox={outbox} handovers={overlay.handovers} />
          {groups.atEd.length === 0 ? (
            <p className="entry-list__empty">No ambulances at this ED now.</p>
          ) : (
            <EntryList handovers={groups.atEd} {...listProps} />
          )}
          {groups.expected.length > 0 && (
            <section className="entry-group" aria-labelledby="expected-title">
              <h3 id="expected-title" className="entry-group__title">
                Expected (pre-alerts){' '}
                <span className="panel__count entry-panel__count">{groups.expected.length}</span>
              </h3>
              <EntryList handovers={groups.expected} {...listProps} />
            </section>
          )}
          {groups.older.length > 0 && (
            <section className="entry-group entry-group--older" aria-labelledby="older-title">
              <h3 id="older-title" className="entry-group__title">
                Older than {thresholds.staleAfterHours} hours: check these records{' '}
                <span className="panel__count entry-panel__count">{groups.older.length}</span>
              </h3>
              <p className="entry-group__hint">
                Open for more than {thresholds.staleAfterHours} hours, so a handover or crew clear was
                probably missed. The wall display leaves these out.
              </p>
              <EntryList handovers={groups.older} {...listProps} />
            </section>
          )}
        </section>
      </main>
      {correctingHandover !== undefined && (
        <CorrectionDialog handover={correctingHandover} record={record} onClose={() => setCorrecting(null)} />
      )}
    </div>
  );
}

/**
 * The server's time to the minute. The list follows it, so a record moves to the older group, and dates
 * appear beside yesterday's times at midnight, without waiting for the next event.
 */
function useServerMinute(): number {
  return useStore(tickStore, () => Math.floor(serverNow() / 60_000) * 60_000);
}

function mostFrequentTrust(handovers: readonly Handover[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { ambulanceTrustCode } of handovers)
    counts.set(ambulanceTrustCode, (counts.get(ambulanceTrustCode) ?? 0) + 1);
  let best: string | undefined;
  for (const [code, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = code;
  return best;
}
