import { applyEvent, compareCursors, type Handover, type RecordedEvent } from '@handover/domain';
import type { SharedMap } from './shared-map';

export interface AppliedBatch {
  handovers: SharedMap<Handover>;
  cursor: string | null;
  /** How many events were newer than the cursor held (and so were applied or refused by the domain). */
  applied: number;
}

/**
 * Applies a batch of recorded events with the domain reducer, in log order. Events at or before the
 * cursor already held are dropped, so a resume or a repeated message never doubles an event. The input
 * map is never changed: a batch that changes no handover returns it as it was.
 */
export function applyRecordedEvents(
  handovers: SharedMap<Handover>,
  cursor: string | null,
  events: readonly RecordedEvent[],
): AppliedBatch {
  let held = cursor;
  let applied = 0;
  const next = handovers.update((draft) => {
    for (const recorded of events) {
      if (compareCursors(recorded.cursor, held) <= 0) continue;
      held = recorded.cursor;
      applied++;
      const { handoverId } = recorded.event;
      const result = applyEvent(draft.get(handoverId), recorded);
      // A refusal here means the handover is older than the snapshot window (e.g. a late correction of a
      // closed one): the server accepted it, but this screen has nothing to apply it to.
      if (result.ok) draft.set(handoverId, result.handover);
    }
  });
  return { handovers: next, cursor: held, applied };
}
