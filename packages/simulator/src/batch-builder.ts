import type { GeneratedEvent } from './wire-events';

/** An event waiting to be posted, with the bearer token it goes under. */
export interface QueuedEvent {
  generated: GeneratedEvent;
  token: string;
}

export interface TakenBatch {
  batch: QueuedEvent[];
  rest: QueuedEvent[];
}

/**
 * The next batch to post: events under one credential, in queue order, at most `maxSize`. An event is
 * left in the queue when its handover has a batch in flight or an earlier event still waiting (under
 * another credential, or left behind), so one handover's events are never reordered nor split across
 * batches that are in flight together. Pure: the caller owns the queue and the in-flight set.
 */
export function takeBatch(
  queue: readonly QueuedEvent[],
  inFlight: ReadonlySet<string>,
  maxSize: number,
): TakenBatch {
  const batch: QueuedEvent[] = [];
  const rest: QueuedEvent[] = [];
  // Handovers with an event left behind in this pass: their later events must stay behind too.
  const held = new Set<string>();
  let token: string | undefined;
  for (const item of queue) {
    const { handoverId } = item.generated.event;
    const eligible =
      batch.length < maxSize &&
      !inFlight.has(handoverId) &&
      !held.has(handoverId) &&
      (token === undefined || item.token === token);
    if (eligible) {
      token ??= item.token;
      batch.push(item);
    } else {
      held.add(handoverId);
      rest.push(item);
    }
  }
  return { batch, rest };
}
