import type { Category, Conveyance, HandoverEvent } from '@handover/domain';
import type { CancelledRecord, PatientJourney, Vehicle } from './journey';
import { isoLondon, isoUtc } from './london-clock';

/**
 * Journeys written as the events each party would post, in exactly the wire shapes of the domain's
 * events.ts (no other fields). The ambulance feed and control room write UTC; the ED's system writes
 * London local time with its offset, as a tablet on the wall clock would: both are valid ISO 8601.
 */

/** Which integration posts the event: the ambulance CAD / arrival feed, the ED, or ambulance control. */
export type Sender = 'feed' | 'ed' | 'control';

export interface GeneratedEvent {
  event: HandoverEvent;
  sendAs: Sender;
}

/** An event with its instant, for ordering before it is handed out. */
export interface TimedEvent {
  atMs: number;
  generated: GeneratedEvent;
}

/**
 * The events of one journey in causal order (eta, arrival, release, stamps, clear, correction). Ties in
 * time are only ever broken by this order, so sorting by time must be stable.
 */
export function journeyEvents(journey: PatientJourney, newId: () => string): TimedEvent[] {
  const { handoverId, vehicle } = journey;
  const base = (at: number, format: (instant: number) => string = isoUtc) => ({
    eventId: newId(),
    handoverId,
    at: format(at),
  });
  const events: TimedEvent[] = [];
  const add = (atMs: number, sendAs: Sender, event: HandoverEvent): void => {
    events.push({ atMs, generated: { event, sendAs } });
  };

  if (vehicle.etaAt !== undefined) {
    add(vehicle.etaAt, 'feed', {
      type: 'eta',
      ...base(vehicle.etaAt),
      ...conveyance(vehicle, journey.category),
      expectedAt: isoUtc(vehicle.arrivedAt),
    });
  }
  add(vehicle.arrivedAt, 'feed', {
    type: 'arrived',
    ...base(vehicle.arrivedAt),
    ...conveyance(vehicle, journey.category),
  });
  const { release } = journey;
  if (release !== undefined) {
    add(release.requestedAt, 'control', { type: 'release_requested', ...base(release.requestedAt) });
    const response = {
      type: 'release_responded' as const,
      ...base(release.respondedAt, isoLondon),
      outcome: release.outcome,
    };
    add(
      release.respondedAt,
      'ed',
      release.reason === undefined ? response : { ...response, reason: release.reason },
    );
  }
  if (journey.crewStampAt !== undefined) {
    add(journey.crewStampAt, 'feed', { type: 'handed_over', ...base(journey.crewStampAt), by: 'crew' });
  }
  if (journey.edStampAt !== undefined) {
    add(journey.edStampAt, 'ed', { type: 'handed_over', ...base(journey.edStampAt, isoLondon), by: 'ed' });
  }
  add(journey.clearedAt, 'feed', { type: 'cleared', ...base(journey.clearedAt) });
  const { correction } = journey;
  if (correction !== undefined) {
    const format = correction.by === 'ed' ? isoLondon : isoUtc;
    add(correction.at, correction.by, {
      type: 'corrected',
      ...base(correction.at, format),
      field: correction.field,
      value: correction.value,
      reason: correction.reason,
    });
  }
  return events;
}

export function cancelledRecordEvents(record: CancelledRecord, newId: () => string): TimedEvent[] {
  const { handoverId, vehicle } = record;
  return [
    {
      atMs: vehicle.arrivedAt,
      generated: {
        sendAs: 'feed',
        event: {
          type: 'arrived',
          eventId: newId(),
          handoverId,
          at: isoUtc(vehicle.arrivedAt),
          ...conveyance(vehicle, record.category),
        },
      },
    },
    {
      atMs: record.cancelledAt,
      generated: {
        sendAs: 'feed',
        event: {
          type: 'cancelled',
          eventId: newId(),
          handoverId,
          at: isoUtc(record.cancelledAt),
          reason: record.reason,
        },
      },
    },
  ];
}

/** The conveyance fields in wire order, leaving category out (not undefined) when there is none. */
function conveyance(vehicle: Vehicle, category: Category | undefined): Conveyance {
  const { siteCode, ambulanceTrustCode, callsign } = vehicle;
  return category === undefined
    ? { siteCode, ambulanceTrustCode, callsign }
    : { siteCode, ambulanceTrustCode, callsign, category };
}
