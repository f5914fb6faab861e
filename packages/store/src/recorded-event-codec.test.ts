import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeAppendRequest, recordOf } from './recorded-event-codec';
import { appendRequest, sampleArrival } from './test-support/sample-events';

const feed = { credentialId: 'abcdefghijkl', role: 'feed', label: 'Feed' };
const other = { credentialId: 'zyxwvutsrqpo', role: 'feed', label: 'Other feed' };
/** A record as a store reads it back: the JSON it wrote. */
const stored = (actor: typeof feed, cursor: string) =>
  decodeRecord(encodeAppendRequest(appendRequest(sampleArrival(), { actor: { ...actor } })) ?? '', cursor);

describe('records share one frozen actor per credential', () => {
  it('records of one credential, read or appended, hold the same actor object; another credential its own', () => {
    const a = stored(feed, '1-0');
    const b = stored(feed, '2-0');
    const appended = recordOf(appendRequest(sampleArrival(), { actor: { ...feed } }), '3-0');
    const elsewhere = stored(other, '4-0');
    expect(a?.actor).toEqual(feed);
    expect(b?.actor).toBe(a?.actor);
    expect(appended?.actor).toBe(a?.actor);
    expect(elsewhere?.actor).not.toBe(a?.actor);
    expect(elsewhere?.actor).toEqual(other);
    // Still deep-frozen: no reader can change what every other reader sees.
    expect(Object.isFrozen(a?.actor)).toBe(true);
    expect(Object.isFrozen(appended?.event)).toBe(true);
  });

  it('gives a record exactly the actor it was written with: a renamed credential, or one with more fields', () => {
    const before = stored(feed, '6-0');
    const renamed = stored({ ...feed, label: 'Feed, renamed' }, '7-0');
    const extra = decodeRecord(
      encodeAppendRequest(appendRequest(sampleArrival(), { actor: { ...feed, team: 'B' } as typeof feed })) ??
        '',
      '8-0',
    );
    expect(before?.actor.label).toBe('Feed');
    expect(renamed?.actor.label).toBe('Feed, renamed');
    expect(renamed?.actor).not.toBe(before?.actor);
    expect(extra?.actor).toEqual({ ...feed, team: 'B' });
    // And records written since share the renamed one.
    expect(stored({ ...feed, label: 'Feed, renamed' }, '9-0')?.actor).toBe(renamed?.actor);
  });

  it("leaves the caller's objects alone", () => {
    const actor = { ...feed };
    const request = appendRequest(sampleArrival(), { actor });
    const record = recordOf(request, '5-0');
    expect(record?.actor).not.toBe(actor);
    expect(Object.isFrozen(actor)).toBe(false);
    expect(Object.isFrozen(request.event)).toBe(false);
  });
});
