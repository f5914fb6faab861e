import type { CorrectableField } from '@handover/domain';
import { formatLondonTimeNear } from '../../shared/lib/format-time';
import type { HandoverView } from './handover-view';

/** One line of the timeline: what happened, when, who recorded it and (for corrections) why. */
export interface TimelineEntry {
  key: string;
  at: number;
  kind:
    | 'arrived'
    | 'handed_over_crew'
    | 'handed_over_ed'
    | 'cleared'
    | 'release_requested'
    | 'release_answered'
    | 'corrected'
    | 'cancelled';
  title: string;
  detail?: string;
  by?: string;
  reason?: string;
}

const FIELD_NAMES: Record<CorrectableField, string> = {
  arrivedAt: 'Arrival time',
  crewHandedOverAt: "Crew's handover time",
  edHandedOverAt: "ED's handover time",
  clearedAt: 'Clear time',
  category: 'Category',
  callsign: 'Callsign',
};

const TIME_FIELDS: ReadonlySet<CorrectableField> = new Set([
  'arrivedAt',
  'crewHandedOverAt',
  'edHandedOverAt',
  'clearedAt',
]);

/** Same-instant events read in the order they happen in life: arrival before handover before clear. */
const ORDER: Record<TimelineEntry['kind'], number> = {
  arrived: 0,
  release_requested: 1,
  release_answered: 2,
  handed_over_crew: 3,
  handed_over_ed: 4,
  cleared: 5,
  cancelled: 6,
  corrected: 7,
};

const CANCEL_REASONS: Record<string, string> = {
  entered_in_error: 'entered in error',
  duplicate: 'a duplicate',
  diverted: 'diverted before arrival',
  other: 'other',
};

/**
 * Every stamp, release request and correction of a handover in time order. Stamps show their values
 * now (after corrections); each correction says what it changed, from what, why and who made it.
 * Corrected times from a day other than `now`'s carry their date.
 */
export function timelineEntries(view: HandoverView, now: number): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (iso: string | null, entry: Omit<TimelineEntry, 'at'>) => {
    const at = iso === null ? Number.NaN : Date.parse(iso);
    if (Number.isFinite(at)) entries.push({ ...entry, at });
  };

  add(view.arrivedAt, {
    key: 'arrived',
    kind: 'arrived',
    title: 'Arrived at the ED',
    detail: 'Handover clock starts',
  });
  const reported = view.crewHandedOverAt !== null ? 'crew' : 'ed';
  add(view.crewHandedOverAt, {
    key: 'handed-crew',
    kind: 'handed_over_crew',
    title: 'Handed over (crew stamp)',
    detail: reported === 'crew' ? 'The reported handover time: the clock stops' : undefined,
  });
  add(view.edHandedOverAt, {
    key: 'handed-ed',
    kind: 'handed_over_ed',
    title: 'Handed over (ED stamp)',
    detail:
      reported === 'ed'
        ? 'The reported handover time: the clock stops'
        : 'Kept beside the crew’s stamp, which is the one reported',
  });
  add(view.clearedAt, {
    key: 'cleared',
    kind: 'cleared',
    title: 'Crew clear',
    detail:
      view.handedOverAt === null || Date.parse(view.clearedAt ?? '') < Date.parse(view.handedOverAt)
        ? 'Before handover: the patient was cohorted and the clock kept running'
        : 'Ready for the next call',
  });

  view.releaseRequests.forEach((request, index) => {
    add(request.requestedAt, {
      key: `release-${index}`,
      kind: 'release_requested',
      title: 'Release requested',
      detail: 'Control asked the ED to release the crew',
      by: request.requestedBy,
    });
    if (request.respondedAt !== null) {
      const waited =
        request.requestedAt === null
          ? undefined
          : `answered after ${minutes(Date.parse(request.respondedAt) - Date.parse(request.requestedAt))}`;
      add(request.respondedAt, {
        key: `release-${index}-answer`,
        kind: 'release_answered',
        title: request.outcome === 'declined' ? 'Release declined by the ED' : 'Crew released by the ED',
        ...(waited === undefined ? {} : { detail: waited }),
        by: request.respondedBy ?? undefined,
        ...(request.reason === null ? {} : { reason: request.reason }),
      });
    }
  });

  view.corrections.forEach((correction, index) => {
    add(correction.at ?? correction.recordedAt, {
      key: `correction-${index}`,
      kind: 'corrected',
      title: `${FIELD_NAMES[correction.field]} corrected`,
      detail: `From ${valueText(correction.field, correction.oldValue, now)} to ${valueText(correction.field, correction.newValue, now)}`,
      by: correction.by,
      reason: correction.reason,
    });
  });

  if (view.cancelled !== null) {
    add(view.cancelled.at, {
      key: 'cancelled',
      kind: 'cancelled',
      title: 'Cancelled',
      detail: `Reason: ${CANCEL_REASONS[view.cancelled.reason] ?? view.cancelled.reason}. Excluded from every figure.`,
      by: view.cancelled.by,
    });
  }

  return entries.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind]);
}

function valueText(field: CorrectableField, value: string | number | null, now: number): string {
  if (value === null || value === '') return 'not recorded';
  if (TIME_FIELDS.has(field) && typeof value === 'string') {
    const instant = Date.parse(value);
    if (!Number.isFinite(instant)) return value;
    // A correction may move a time to another day: without the date it would read as the same day.
    return formatLondonTimeNear(instant, now, { seconds: true });
  }
  return String(value);
}

function minutes(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const whole = Math.round(ms / 60_000);
  return whole === 1 ? '1 minute' : `${whole} minutes`;
}
