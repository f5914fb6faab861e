import { applyEvent, compareCursors, type Handover, type RecordedEvent } from '@handover/domain';

export interface AppliedBatch {
  handovers: ReadonlyMap<string, Handover>;
  cursor: string | null;
  /** How many events were newer than the cursor held (and so were applied or refused by the domain). */
  applied: number;
}

/**
 * Applies a batch of recorded events with the domain reducer, in log order. Events at or before the
 * cursor already held are dropped, so a resume or a repeated message never doubles an event. The input
 * map is never changed: a batch that applies nothing returns it as it was.
 */
export function applyRecordedEvents(
  handovers: ReadonlyMap<string, Handover>,
  cursor: string | null,
  events: readonly RecordedEvent[],
): AppliedBatch {
  let next: Map<string, Handover> | undefined;
  let held = cursor;
  let applied = 0;
  for (const recorded of events) {
    if (compareCursors(recorded.cursor, held) <= 0) continue;
    held = recorded.cursor;
    applied++;
    next ??= new Map(handovers);
    const { handoverId } = recorded.event;
    const result = applyEvent(next.get(handoverId), recorded);
    // A refusal here means the handover is older than the snapshot window (e.g. a late correction of a
    // closed one): the server accepted it, but this screen has nothing to apply it to.
    if (result.ok) next.set(handoverId, result.handover);
  }
  return { handovers: next ?? handovers, cursor: held, applied };
}
