import { localDateOf, type Thresholds } from '@handover/domain';
import { formatClock } from '../../shared/lib/format-duration';
import {
  formatLondonShortDate,
  formatLondonTimeNear,
  formatLondonTimeWithSeconds,
} from '../../shared/lib/format-time';
import { shortTrustName } from '../../shared/lib/trust-names';
import { BandBadge } from '../../shared/ui/band-badge';
import { Elapsed } from '../../shared/ui/elapsed';
import type { OrganisationDirectory } from '../../stores/organisations-store';
import type { HandoverView } from './handover-view';
import { type TimelineEntry, timelineEntries } from './timeline-entries';

const STATE_WORDS: Record<HandoverView['state'], string> = {
  inbound: 'On the way (pre-alert)',
  waiting: 'Waiting for handover',
  cohorted: 'Cohorted: crew clear, patient still waiting for handover',
  handed_over: 'Handed over, crew not yet clear',
  closed: 'Closed: crew clear',
  cancelled: 'Cancelled',
};

interface HandoverTimelineProps {
  view: HandoverView;
  directory: OrganisationDirectory | null;
  thresholds: Thresholds;
  now: number;
}

/** The handover's facts, then its timeline. Operational facts only: nothing about the patient. */
export function HandoverTimeline({ view, directory, thresholds, now }: HandoverTimelineProps) {
  const entries = timelineEntries(view, now);
  const site = directory?.site(view.siteCode)?.name ?? view.siteCode;
  const service = directory?.ambulanceTrust(view.ambulanceTrustCode)?.name;
  const running = view.handedOverAt === null && view.state !== 'cancelled';
  // Counted on from the server's clock reading at fetch time, so a wrong local clock does not matter.
  const clockStart = view.clockSeconds === null ? null : now - view.clockSeconds * 1000;
  return (
    <div className="handover-detail">
      <section className="handover-facts" aria-labelledby="facts-title">
        <h2 id="facts-title" className="visually-hidden">
          Summary
        </h2>
        <dl className="handover-facts__list">
          <Fact label="Callsign" value={view.callsign} />
          <Fact label="Hospital" value={site} />
          <Fact
            label="Ambulance service"
            value={service === undefined ? view.ambulanceTrustCode : shortTrustName(service)}
          />
          <Fact label="Category" value={view.category === null ? 'Not known' : String(view.category)} />
          <Fact label="State" value={STATE_WORDS[view.state]} />
          <div className="handover-facts__item">
            <dt>{running ? 'Waiting so far' : 'Arrival to handover'}</dt>
            <dd className="handover-facts__clock">
              {running && clockStart !== null ? (
                <Elapsed since={clockStart} />
              ) : view.clockSeconds === null ? (
                '–'
              ) : (
                formatClock(view.clockSeconds * 1000)
              )}
              {view.band !== null && <BandBadge band={view.band} thresholds={thresholds} />}
            </dd>
          </div>
          {view.preAlerted && (
            <Fact
              label="Pre-alert"
              value={
                view.expectedAt === null
                  ? 'Yes'
                  : `Expected ${formatLondonTimeNear(Date.parse(view.expectedAt), now)}`
              }
            />
          )}
        </dl>
        {view.disputed && (
          <p className="handover-facts__warning" data-testid="disputed">
            Disputed: the crew’s and the ED’s handover stamps differ by more than {thresholds.disputeMinutes}{' '}
            minutes. The crew’s stamp is the one reported.
          </p>
        )}
      </section>

      <section className="timeline" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="timeline__title">
          Timeline
        </h2>
        {entries.length === 0 ? (
          <p>Nothing recorded yet.</p>
        ) : (
          <ol className="timeline__list" data-testid="timeline">
            {entries.map((entry) => (
              <Entry key={entry.key} entry={entry} now={now} />
            ))}
          </ol>
        )}
        <p className="timeline__note">
          UK time. Stamps show their corrected values; each correction keeps the value it replaced, why, and
          who made it.
        </p>
      </section>
    </div>
  );
}

function Entry({ entry, now }: { entry: TimelineEntry; now: number }) {
  return (
    <li
      className={`timeline__entry timeline__entry--${entry.kind}`}
      data-testid="timeline-entry"
      data-kind={entry.kind}
    >
      <time className="timeline__time" dateTime={new Date(entry.at).toISOString()}>
        {formatLondonTimeWithSeconds(entry.at)}
        {localDateOf(entry.at) !== localDateOf(now) && (
          <span className="timeline__date">{formatLondonShortDate(entry.at)}</span>
        )}
      </time>
      <span className="timeline__marker" aria-hidden="true" />
      <div className="timeline__body">
        <p className="timeline__what">{entry.title}</p>
        {entry.detail !== undefined && <p className="timeline__detail">{entry.detail}</p>}
        {entry.reason !== undefined && (
          <p className="timeline__reason">
            <span className="timeline__label">Reason:</span> {entry.reason}
          </p>
        )}
        {entry.by !== undefined && (
          <p className="timeline__by">
            <span className="timeline__label">By:</span> {entry.by}
          </p>
        )}
      </div>
    </li>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="handover-facts__item">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
