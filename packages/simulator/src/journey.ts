import {
  CATEGORIES,
  type CancelReason,
  type Category,
  type CorrectableField,
  type ReleaseOutcome,
} from '@handover/domain';
import type { TrustCalibration } from './calibration';
import { callsignFor } from './conveyance';
import { DURATION_CAP_MINUTES, sampleDurationMinutes } from './duration-model';
import { isoUtc } from './london-clock';
import type { Random, Weighted } from './random';

/**
 * One patient's timeline at the ED, as instants (epoch ms, whole seconds): what happened and what each
 * party recorded. Behaviour follows DOMAIN.md sections 3 and 8: handovers stamped by the crew and the ED
 * (mostly agreeing, sometimes disputed, sometimes never), cohorting when the ED is full, release
 * requests after 45 minutes, late corrections and the odd record entered in error.
 */

const MINUTE_MS = 60_000;
const SECOND_MS = 1000;

/** A crowded ED: beyond this many patients awaiting handover, waits lengthen and crews are cohorted. */
export const CROWDED_QUEUE = 6;
// Each patient beyond the crowded queue adds this much to a wait, up to the maximum.
const CROWDING_STRETCH_PER_PATIENT = 0.03;
const CROWDING_STRETCH_MAX = 0.15;
// Chance, per patient beyond the crowded queue, that a crew facing a long wait is cohorted.
const COHORT_CHANCE_PER_PATIENT = 0.06;
const COHORT_CHANCE_MAX = 0.4;

// Who stamps handover, when it is stamped at all (the rest have both stamps).
const CREW_ONLY_SHARE = 0.13;
const ED_ONLY_SHARE = 0.07;
/** Both parties stamped but more than 5 minutes apart: a disputed handover. */
const DISPUTED_SHARE = 0.02;

/** Of the crews still waiting after 45 minutes, the share whose control room asks for release. */
const RELEASE_REQUEST_SHARE = 0.4;
const RELEASED_SHARE = 0.35;
const DECLINE_REASONS = [
  'No cubicle or trolley space to take the patient',
  'Patient too unwell to leave without a crew',
  'No staff free to take handover',
  'Corridor care at capacity',
] as const;

const CORRECTION_SHARE = 0.01;

export interface Vehicle {
  siteCode: string;
  ambulanceTrustCode: string;
  callsign: string;
  arrivedAt: number;
  /** When the pre-alert was sent; its expected arrival is the arrival itself. */
  etaAt?: number;
}

export interface ReleaseRequest {
  requestedAt: number;
  respondedAt: number;
  outcome: ReleaseOutcome;
  reason?: string;
}

export interface Correction {
  at: number;
  field: CorrectableField;
  value: string | number;
  reason: string;
  /** The ED corrects its own stamp; the ambulance feed corrects everything else. */
  by: 'feed' | 'ed';
}

export interface PatientJourney {
  handoverId: string;
  vehicle: Vehicle;
  category?: Category;
  /** When clinical care actually passed to the ED: the clock stops. */
  handedOverAt: number;
  crewStampAt?: number;
  edStampAt?: number;
  clearedAt: number;
  release?: ReleaseRequest;
  correction?: Correction;
}

/** An arrival recorded by mistake (or twice) and cancelled: no patient behind it. */
export interface CancelledRecord {
  handoverId: string;
  vehicle: Vehicle;
  category?: Category;
  cancelledAt: number;
  reason: CancelReason;
}

export interface JourneyContext {
  random: Random;
  calibration: TrustCalibration;
  /** Patients at the site still awaiting handover when this one arrives. */
  queue: number;
  newId: () => string;
}

export function planJourney(context: JourneyContext, vehicle: Vehicle, category?: Category): PatientJourney {
  const { random, calibration, queue } = context;
  const arrivedAt = vehicle.arrivedAt;
  const crowding = Math.max(0, queue - CROWDED_QUEUE);
  const stretch = 1 + Math.min(CROWDING_STRETCH_MAX, CROWDING_STRETCH_PER_PATIENT * crowding);
  const minutes = Math.min(
    DURATION_CAP_MINUTES,
    sampleDurationMinutes(calibration.duration, random) * stretch,
  );
  const handedOverAt = arrivedAt + wholeSeconds(minutes * MINUTE_MS);

  const journey: PatientJourney = {
    handoverId: context.newId(),
    vehicle,
    handedOverAt,
    clearedAt: handedOverAt + minutesBetween(random, 10, 20),
  };
  if (category !== undefined) journey.category = category;

  const stampsMissing = random.chance(calibration.unknownShare);
  const cohortChance = Math.min(COHORT_CHANCE_MAX, COHORT_CHANCE_PER_PATIENT * crowding);
  const cohortAt = arrivedAt + minutesBetween(random, 15, 30);
  if (minutes > 30 && cohortAt < handedOverAt - 5 * MINUTE_MS && random.chance(cohortChance)) {
    // A HALO or cohort nurse takes the patient; the crew leaves, only the ED can stamp handover.
    journey.clearedAt = cohortAt;
    if (!stampsMissing) journey.edStampAt = handedOverAt;
  } else if (!stampsMissing) {
    stampHandover(random, journey, arrivedAt);
    requestRelease(random, journey, arrivedAt);
  }
  if (random.chance(CORRECTION_SHARE)) correctLater(random, journey);
  return journey;
}

/** Both parties stamp, or one; the ED's stamp usually within two minutes of the crew's. */
function stampHandover(random: Random, journey: PatientJourney, arrivedAt: number): void {
  const party = random.weighted([
    { value: 'crew' as const, weight: CREW_ONLY_SHARE },
    { value: 'ed' as const, weight: ED_ONLY_SHARE },
    { value: 'both' as const, weight: 1 - CREW_ONLY_SHARE - ED_ONLY_SHARE },
  ]);
  // The reported time is the crew's when present, so the true handover is the crew's stamp.
  if (party === 'crew') {
    journey.crewStampAt = journey.handedOverAt;
    return;
  }
  if (party === 'ed') {
    journey.edStampAt = journey.handedOverAt;
    return;
  }
  journey.crewStampAt = journey.handedOverAt;
  const gapMs = random.chance(DISPUTED_SHARE)
    ? (random.chance(0.7) ? 1 : -1) * random.uniform(6, 15) * MINUTE_MS
    : Math.max(-2, Math.min(2, random.normal(0, 0.8))) * MINUTE_MS;
  journey.edStampAt = Math.max(arrivedAt + 30 * SECOND_MS, journey.handedOverAt + wholeSeconds(gapMs));
}

/**
 * Release to Respond: some control rooms ask once a crew has waited 45 minutes. Only asked while the
 * handover is still pending with time to answer; a released crew leaves the patient to the ED (cohort).
 */
function requestRelease(random: Random, journey: PatientJourney, arrivedAt: number): void {
  const requestedAt = arrivedAt + 45 * MINUTE_MS + minutesBetween(random, 1, 12);
  const firstStamp = Math.min(journey.crewStampAt ?? Infinity, journey.edStampAt ?? Infinity);
  if (requestedAt + 20 * MINUTE_MS >= firstStamp || !random.chance(RELEASE_REQUEST_SHARE)) return;
  const respondedAt = requestedAt + minutesBetween(random, 2, 10);
  if (!random.chance(RELEASED_SHARE)) {
    journey.release = { requestedAt, respondedAt, outcome: 'declined', reason: random.pick(DECLINE_REASONS) };
    return;
  }
  journey.release = { requestedAt, respondedAt, outcome: 'released' };
  journey.clearedAt = respondedAt + minutesBetween(random, 2, 6);
  // The crew has left: the ED alone stamps handover when it takes the patient.
  delete journey.crewStampAt;
  journey.edStampAt = journey.handedOverAt;
}

/**
 * A value found wrong a few hours later and corrected with a reason (DOMAIN.md section 8: arrival is
 * often pressed late). A correction never moves a stamp before arrival, nor a clear before handover.
 */
function correctLater(random: Random, journey: PatientJourney): void {
  const arrivedAt = journey.vehicle.arrivedAt;
  const lastEvent = Math.max(
    journey.clearedAt,
    journey.crewStampAt ?? 0,
    journey.edStampAt ?? 0,
    journey.release?.respondedAt ?? 0,
  );
  const at = lastEvent + minutesBetween(random, 60, 300);
  const earlier = (instant: number, min: number, max: number): number =>
    instant - minutesBetween(random, min, max);
  const fix = (field: CorrectableField, instant: number, reason: string, by: Correction['by'] = 'feed') => ({
    at,
    field,
    value: isoUtc(instant),
    reason,
    by,
  });

  const options: Weighted<Correction>[] = [
    { value: fix('arrivedAt', earlier(arrivedAt, 3, 11), 'Arrival pressed late'), weight: 0.45 },
    {
      value: {
        at,
        field: 'category',
        value: otherCategory(random, journey.category),
        reason: CATEGORY_REASON,
        by: 'feed',
      },
      weight: 0.1,
    },
    {
      value: {
        at,
        field: 'callsign',
        value: callsignFor(random, journey.vehicle.ambulanceTrustCode),
        reason: 'Callsign mistyped',
        by: 'feed',
      },
      weight: 0.1,
    },
  ];
  const earliestStamp = arrivedAt + MINUTE_MS;
  if (journey.crewStampAt !== undefined) {
    const value = earlier(journey.crewStampAt, 2, 6);
    if (value > earliestStamp)
      options.push({ value: fix('crewHandedOverAt', value, 'Handover pressed late'), weight: 0.15 });
  }
  if (journey.edStampAt !== undefined) {
    const value = earlier(journey.edStampAt, 2, 8);
    if (value > earliestStamp)
      options.push({ value: fix('edHandedOverAt', value, ED_LATE_REASON, 'ed'), weight: 0.1 });
  }
  // A cohorted crew cleared before handover; any other clear stays after it.
  const clearFloor = journey.clearedAt < journey.handedOverAt ? arrivedAt : journey.handedOverAt;
  const clearValue = earlier(journey.clearedAt, 2, 8);
  if (clearValue > clearFloor + MINUTE_MS) {
    options.push({ value: fix('clearedAt', clearValue, 'Clear pressed late'), weight: 0.15 });
  }
  journey.correction = random.weighted(options);
}

const CATEGORY_REASON = 'Category changed after clinical review';
const ED_LATE_REASON = 'Handover entered late on the ED system';

function otherCategory(random: Random, current: Category | undefined): Category {
  return random.pick(CATEGORIES.filter((category) => category !== current));
}

/** Share of patients whose arrival is also recorded in error or twice, then cancelled. */
export const CANCELLED_RECORD_SHARE = 0.005;

export function cancelledRecordBeside(context: JourneyContext, journey: PatientJourney): CancelledRecord {
  const { random } = context;
  const reason = random.chance(0.6) ? 'duplicate' : 'entered_in_error';
  const arrivedAt = journey.vehicle.arrivedAt + wholeSeconds(random.uniform(0, 120) * SECOND_MS);
  const record: CancelledRecord = {
    handoverId: context.newId(),
    // A duplicate is the same vehicle pressed twice; an error keeps the vehicle but never had a patient.
    vehicle: { ...journey.vehicle, arrivedAt },
    cancelledAt: arrivedAt + minutesBetween(random, 2, 20),
    reason,
  };
  if (journey.category !== undefined) record.category = journey.category;
  // A pre-alert belongs to the real record only.
  delete record.vehicle.etaAt;
  return record;
}

function minutesBetween(random: Random, min: number, max: number): number {
  return wholeSeconds(random.uniform(min, max) * MINUTE_MS);
}

function wholeSeconds(ms: number): number {
  return Math.round(ms / SECOND_MS) * SECOND_MS;
}
