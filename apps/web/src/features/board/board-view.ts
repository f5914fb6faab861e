import { type Handover, isClockRunning, isStale, type Thresholds } from '@handover/domain';
import { isCrewPresumedGone } from '../../shared/lib/crew-gone';

/** What the wall display lists, each in the order a coordinator reads it. */
export interface BoardView {
  /** Clock running (waiting or cohorted), longest wait first. Stale clocks (missing stamps) are left out. */
  waiting: Handover[];
  /** Handed over but the crew has not cleared yet: still an ambulance at the door. Recent ones only. */
  awaitingClear: Handover[];
  /** Pre-alerted, not yet arrived, soonest first. */
  inbound: Handover[];
}

export function boardView(
  handovers: Iterable<Handover>,
  siteCode: string,
  now: number,
  thresholds: Thresholds,
): BoardView {
  const view: BoardView = { waiting: [], awaitingClear: [], inbound: [] };
  for (const handover of handovers) {
    if (handover.siteCode !== siteCode) continue;
    const { arrivedAt } = handover;
    if (handover.state === 'inbound') view.inbound.push(handover);
    else if (arrivedAt === undefined) continue;
    else if (isClockRunning(handover)) {
      if (!isStale(arrivedAt, now, thresholds)) view.waiting.push(handover);
    } else if (handover.state === 'handed_over' && !isCrewPresumedGone(handover, now)) {
      view.awaitingClear.push(handover);
    }
  }
  const byArrival = (a: Handover, b: Handover) => (a.arrivedAt ?? 0) - (b.arrivedAt ?? 0);
  view.waiting.sort(byArrival);
  view.awaitingClear.sort(byArrival);
  view.inbound.sort(
    (a, b) => (a.expectedAt ?? Number.MAX_SAFE_INTEGER) - (b.expectedAt ?? Number.MAX_SAFE_INTEGER),
  );
  return view;
}

/** The open release request, if control has asked for this crew and the ED has not answered yet. */
export function pendingReleaseRequest(handover: Handover): { requestedAt: number } | undefined {
  const last = handover.releaseRequests.at(-1);
  return last !== undefined && last.respondedAt === undefined ? last : undefined;
}
