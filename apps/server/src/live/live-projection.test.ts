import type { RecordedEvent } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { arrival } from '../test-support/events-factory';
import { LiveProjection } from './live-projection';

const actor = { credentialId: 'feed', role: 'feed', label: 'Test feed' };

function recorded(cursor: string): RecordedEvent {
  return {
    event: arrival(Date.parse('2026-01-12T10:00:00Z')),
    actor,
    recordedAt: '2026-01-12T10:00:01Z',
    cursor,
  };
}

describe('LiveProjection.waitFor', () => {
  it('releases each wait once its cursor is applied, whatever order the waits came in', async () => {
    const projection = new LiveProjection();
    const released: string[] = [];
    const waits = ['3-0', '1-0', '4-0', '2-0'].map((cursor) =>
      projection.waitFor(cursor).then(() => {
        released.push(cursor);
      }),
    );
    projection.apply([recorded('1-0')]);
    await Promise.resolve();
    expect(released).toEqual(['1-0']);
    projection.apply([recorded('2-0'), recorded('3-0')]);
    await Promise.resolve();
    expect(released.sort()).toEqual(['1-0', '2-0', '3-0']);
    projection.apply([recorded('4-0')]);
    await Promise.all(waits);
    expect(released).toHaveLength(4);
  });
});

describe('LiveProjection.catchUp', () => {
  it('resolves true at once for an applied cursor, and as soon as a later one is applied', async () => {
    const projection = new LiveProjection();
    projection.apply([recorded('1-0')]);
    expect(await projection.catchUp('1-0', 60_000)).toBe(true);
    const waiting = projection.catchUp('3-0', 60_000);
    projection.apply([recorded('2-0'), recorded('3-0')]);
    expect(await waiting).toBe(true);
  });

  it('resolves false when the cursor is not reached within the bound', async () => {
    const projection = new LiveProjection();
    expect(await projection.catchUp('5-0', 10)).toBe(false);
    // A wait that gave up does not disturb a later one.
    const other = projection.catchUp('5-0', 60_000);
    projection.apply([recorded('5-0')]);
    expect(await other).toBe(true);
    expect(projection.handovers.size).toBe(1);
  });
});
