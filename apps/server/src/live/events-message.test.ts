import type { RecordedEvent } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { arrival } from '../test-support/events-factory';
import { CACHED_ENCODINGS, encodedEvent, eventsMessage } from './events-message';

const AT = Date.parse('2026-11-21T14:00:00Z');

function recorded(index: number, label = 'Ward clerk, Queen Elizabeth'): RecordedEvent {
  return {
    event: arrival(AT + index * 1_000, { callsign: `WM ${100 + index}` }),
    recordedAt: new Date(AT + index * 1_000 + 40).toISOString(),
    actor: { credentialId: 'cred-1', role: 'ed', label },
    cursor: `1763733600000-${index}`,
  };
}

describe('eventsMessage', () => {
  it('spells exactly the JSON of an events message, for none, one and many events', () => {
    for (const count of [0, 1, 2, 7]) {
      const events = Array.from({ length: count }, (_, index) => recorded(index));
      expect(eventsMessage(events).toString('utf8')).toBe(JSON.stringify({ type: 'events', events }));
    }
  });

  it('encodes text beyond ASCII as UTF-8', () => {
    const events = [recorded(0, 'Bwrdd Iechyd — Ysbyty Gwynedd'), recorded(1, 'Zoë 👩‍⚕️')];
    const bytes = eventsMessage(events);
    expect(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))).toEqual({
      type: 'events',
      events,
    });
  });

  it('encodes each event once, into memory of its own that holds nothing else', () => {
    const event = recorded(4);
    const bytes = encodedEvent(event);
    expect(encodedEvent(event)).toBe(bytes);
    expect(bytes.toString('utf8')).toBe(JSON.stringify(event));
    // A slice of Node's shared pool would keep the whole pool chunk alive while the event is remembered.
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it('keeps only the most recent encodings', () => {
    const oldest = recorded(0);
    const first = encodedEvent(oldest);
    const later = Array.from({ length: CACHED_ENCODINGS }, (_, index) => recorded(index + 1));
    for (const event of later) encodedEvent(event);
    const newest = later.at(-1) as RecordedEvent;
    expect(encodedEvent(newest)).toBe(encodedEvent(newest));
    // Dropped from the cache, encoded again: equal bytes, another Buffer.
    const again = encodedEvent(oldest);
    expect(again).not.toBe(first);
    expect(again.equals(first)).toBe(true);
  });
});
