import {
  bandAt,
  type Handover,
  handoverTime,
  isClockRunning,
  isDisputed,
  type Thresholds,
} from '@handover/domain';
import { formatLondonTimeNear } from '../../shared/lib/format-time';
import { releaseStatus } from '../../shared/lib/release-status';
import { shortTrustName } from '../../shared/lib/trust-names';
import { BandBadge } from '../../shared/ui/band-badge';
import { Elapsed } from '../../shared/ui/elapsed';
import { serverNow } from '../../stores/live-store';
import type { OrganisationDirectory } from '../../stores/organisations-store';
import { arrivalEvent, clearedEvent, edHandoverEvent } from './entry-events';
import type { RecordEvent } from './record-event';
import { ReleaseAnswer } from './release-answer';

interface EntryListProps {
  handovers: readonly Handover[];
  /** For dates beside times that are not today. */
  now: number;
  unsent: ReadonlySet<string>;
  thresholds: Thresholds;
  directory: OrganisationDirectory | null;
  record: RecordEvent;
  onCorrect: (handover: Handover) => void;
}

/** Ambulances still needing a stamp from staff, with the actions that apply to each. */
export function EntryList({
  handovers,
  now,
  unsent,
  thresholds,
  directory,
  record,
  onCorrect,
}: EntryListProps) {
  return (
    <ul className="entry-list">
      {handovers.map((handover) => (
        <EntryRow
          key={handover.handoverId}
          handover={handover}
          now={now}
          unsent={unsent.has(handover.handoverId)}
          thresholds={thresholds}
          trustName={trustName(handover.ambulanceTrustCode, directory)}
          record={record}
          onCorrect={onCorrect}
        />
      ))}
    </ul>
  );
}

interface EntryRowProps {
  handover: Handover;
  now: number;
  unsent: boolean;
  thresholds: Thresholds;
  trustName: string;
  record: RecordEvent;
  onCorrect: (handover: Handover) => void;
}

function EntryRow({ handover, now, unsent, thresholds, trustName, record, onCorrect }: EntryRowProps) {
  const { arrivedAt, handoverId, callsign } = handover;
  const stoppedAt = handoverTime(handover);
  const band = bandAt(handover, serverNow(), thresholds);
  const label = `${callsign}, ${trustName}`;
  const release = releaseStatus(handover);

  if (handover.state === 'inbound' || arrivedAt === undefined) {
    return (
      <li className="entry-row entry-row--inbound" data-testid="entry-row" data-handover-id={handoverId}>
        <div className="entry-row__top">
          <p className="entry-row__callsign">{callsign}</p>
          <span className="entry-tag">Pre-alert</span>
        </div>
        <p className="entry-row__facts">
          {handover.expectedAt === undefined
            ? 'Expected time not given'
            : `Expected ${formatLondonTimeNear(handover.expectedAt, now)}`}{' '}
          · {trustName}
        </p>
        <div className="entry-row__actions">
          <button
            type="button"
            className="button button--blue"
            aria-label={`Arrived now: ${label}`}
            onClick={() =>
              record(
                arrivalEvent(
                  {
                    siteCode: handover.siteCode,
                    ambulanceTrustCode: handover.ambulanceTrustCode,
                    callsign,
                    category: handover.category,
                    arrivedAt: serverNow(),
                  },
                  handoverId,
                ),
              )
            }
          >
            Arrived now
          </button>
        </div>
      </li>
    );
  }

  const facts = [
    handover.category === undefined ? 'Category not known' : `Cat ${handover.category}`,
    `Arrived ${formatLondonTimeNear(arrivedAt, now)}`,
    trustName,
    ...(stoppedAt === undefined ? [] : [`Handed over ${formatLondonTimeNear(stoppedAt, now)}`]),
  ];
  return (
    <li
      className="entry-row"
      data-testid="entry-row"
      data-handover-id={handoverId}
      data-state={handover.state}
    >
      <div className="entry-row__top">
        <p className="entry-row__callsign">{callsign}</p>
        {unsent && <span className="entry-tag entry-tag--unsent">Not sent yet</span>}
        {release.kind === 'open' && <span className="entry-tag entry-tag--urgent">Release requested</span>}
        {release.kind === 'released' && (
          <span className="entry-tag entry-tag--done">
            Crew released {formatLondonTimeNear(release.respondedAt, now)}
          </span>
        )}
        {release.kind === 'declined' && (
          <span className="entry-tag entry-tag--warning">Release declined</span>
        )}
        {isDisputed(handover, thresholds) && <span className="entry-tag entry-tag--warning">Disputed</span>}
        {handover.state === 'cohorted' && <span className="entry-tag">Cohorted (crew clear)</span>}
        {handover.preAlerted && <span className="entry-tag">Pre-alert</span>}
        <span className="entry-row__timing">
          <Elapsed
            className="entry-row__clock"
            since={arrivedAt}
            {...(stoppedAt === undefined ? {} : { until: stoppedAt })}
          />
          {band !== undefined && <BandBadge band={band} thresholds={thresholds} />}
        </span>
      </div>
      <p className="entry-row__facts">{facts.join(' · ')}</p>
      {release.kind === 'open' && handover.state === 'waiting' && (
        <ReleaseAnswer
          handover={handover}
          request={release.request}
          serviceName={trustName}
          label={label}
          record={record}
        />
      )}
      <div className="entry-row__actions">
        {handover.edHandedOverAt === undefined &&
          (isClockRunning(handover) || handover.state === 'handed_over') && (
            <button
              type="button"
              className="button"
              aria-label={`Handed over (ED): ${label}`}
              onClick={() => record(edHandoverEvent(handoverId, serverNow()))}
            >
              Handed over (ED)
            </button>
          )}
        {handover.clearedAt === undefined && (
          <button
            type="button"
            className="button button--blue"
            aria-label={`Crew clear: ${label}`}
            onClick={() => record(clearedEvent(handoverId, serverNow()))}
          >
            Crew clear
          </button>
        )}
        <button
          type="button"
          className="button button--secondary"
          aria-label={`Correct: ${label}`}
          onClick={() => onCorrect(handover)}
        >
          Correct…
        </button>
      </div>
    </li>
  );
}

function trustName(code: string, directory: OrganisationDirectory | null): string {
  const name = directory?.ambulanceTrust(code)?.name;
  return name === undefined ? code : shortTrustName(name);
}
