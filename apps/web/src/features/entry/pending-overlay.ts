import { applyEvent, type Handover, type HandoverEvent, type RecordedEvent } from '@handover/domain';

const THIS_DEVICE = { credentialId: 'this-device', role: 'ed', label: 'This tablet (not sent yet)' };

export interface OverlaidHandovers {
  handovers: ReadonlyMap<string, Handover>;
  /** Handovers with at least one event still waiting to send. */
  unsent: ReadonlySet<string>;
}

/**
 * The server's handovers with this device's unsent events applied by the same domain reducer, so the
 * page shows what staff recorded even while offline. Events the domain would refuse are left out here
 * (the server will give the reason).
 */
export function withPendingEvents(
  handovers: ReadonlyMap<string, Handover>,
  pending: readonly HandoverEvent[],
  now: number,
): OverlaidHandovers {
  if (pending.length === 0) return { handovers, unsent: new Set() };
  const next = new Map(handovers);
  const unsent = new Set<string>();
  for (const event of pending) {
    const recorded: RecordedEvent = {
      event,
      recordedAt: new Date(now).toISOString(),
      actor: THIS_DEVICE,
      cursor: '',
    };
    const result = applyEvent(next.get(event.handoverId), recorded);
    if (!result.ok || result.duplicate) continue;
    // Keep the server's cursor: this state is a preview, not a position in the log.
    const previous = next.get(event.handoverId);
    next.set(event.handoverId, { ...result.handover, lastCursor: previous?.lastCursor ?? '' });
    unsent.add(event.handoverId);
  }
  return { handovers: next, unsent };
}
