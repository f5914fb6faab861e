import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type QueuedEvent, takeBatch } from './batch-builder';

const queued = (handover: number, token: string, n: number): QueuedEvent => ({
  token,
  generated: {
    sendAs: 'feed',
    event: {
      type: 'cleared',
      eventId: `e${n}`,
      handoverId: `h${handover}`,
      at: '2026-01-12T10:00:00Z',
    },
  },
});

const ids = (items: readonly QueuedEvent[]) => items.map((item) => item.generated.event.eventId);

describe('takeBatch', () => {
  it('takes events under the first free credential, in order, leaving the rest in order', () => {
    const queue = [queued(1, 'feed', 1), queued(2, 'admin', 2), queued(3, 'feed', 3), queued(1, 'feed', 4)];
    const { batch, rest } = takeBatch(queue, new Set(), 500);
    expect(ids(batch)).toEqual(['e1', 'e3', 'e4']);
    expect(ids(rest)).toEqual(['e2']);
  });

  it("holds back a handover's later events behind an earlier one under another credential", () => {
    const queue = [queued(1, 'feed', 1), queued(1, 'admin', 2), queued(1, 'feed', 3), queued(2, 'feed', 4)];
    expect(ids(takeBatch(queue, new Set(), 500).batch)).toEqual(['e1', 'e4']);
  });

  it('leaves handovers in flight alone, and stops at the size limit', () => {
    const queue = [queued(1, 'feed', 1), queued(2, 'feed', 2), queued(3, 'feed', 3), queued(4, 'feed', 4)];
    const { batch, rest } = takeBatch(queue, new Set(['h2']), 2);
    expect(ids(batch)).toEqual(['e1', 'e3']);
    expect(ids(rest)).toEqual(['e2', 'e4']);
  });

  it('keeps every rule for any queue', () => {
    const item = fc.record({ handover: fc.integer({ min: 0, max: 6 }), token: fc.constantFrom('a', 'b') });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.subarray([0, 1, 2, 3, 4, 5, 6]),
        fc.integer({ min: 1, max: 10 }),
        (items, busy, size) => {
          const queue = items.map((it, n) => queued(it.handover, it.token, n));
          const inFlight = new Set(busy.map((h) => `h${h}`));
          const { batch, rest } = takeBatch(queue, inFlight, size);
          expect(batch.length).toBeLessThanOrEqual(size);
          expect(new Set(batch.map((b) => b.token)).size).toBeLessThanOrEqual(1);
          // Nothing lost, nothing reordered within the batch or the rest.
          expect([...ids(batch), ...ids(rest)].sort()).toEqual(ids(queue).sort());
          const position = new Map(ids(queue).map((id, i) => [id, i]));
          for (const part of [batch, rest]) {
            const order = ids(part).map((id) => position.get(id) ?? -1);
            expect(order).toEqual([...order].sort((x, y) => x - y));
          }
          for (const taken of batch) {
            const { handoverId } = taken.generated.event;
            expect(inFlight.has(handoverId)).toBe(false);
            // No event of a batched handover stays behind ahead of one that was taken.
            const left = rest.filter((r) => r.generated.event.handoverId === handoverId);
            for (const r of left)
              expect(position.get(r.generated.event.eventId)).toBeGreaterThan(
                position.get(taken.generated.event.eventId) ?? 0,
              );
          }
          // Progress: the first event of a free handover is always taken.
          const head = queue.find((q) => !inFlight.has(q.generated.event.handoverId));
          if (head !== undefined) expect(batch.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
