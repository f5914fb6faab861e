import { describe, expect, it } from 'vitest';
import { admissionProblem } from './admission';
import type { HandoverEvent } from './events';
import { foldEvents } from './handover-reducer';

const MIN = 60_000;
const SKEW = 2 * MIN;
const at = (hhmm: string) => `2025-06-01T${hhmm}:00Z`;
const HID = 'h-1';
let seq = 0;
const event = (type: string, time: string, extra: object = {}) =>
  ({ type, eventId: `e-${++seq}`, handoverId: HID, at: at(time), ...extra }) as HandoverEvent;
const actor = { credentialId: 'c', role: 'feed', label: 'Feed' };
const handover = (...events: HandoverEvent[]) =>
  foldEvents(events.map((e, i) => ({ event: e, actor, recordedAt: e.at, cursor: `${i + 1}-0` }))).get(HID);

const arrival = event('arrived', '10:00', { siteCode: 'RRK15', ambulanceTrustCode: 'RYA', callsign: 'WM 1' });

describe('admissionProblem', () => {
  it('refuses a release requested before arrival, beyond the clock skew allowed', () => {
    const waiting = handover(arrival);
    expect(admissionProblem(waiting, event('release_requested', '09:57'), SKEW)).toMatchObject({
      code: 'BEFORE_ARRIVAL',
      field: 'at',
    });
    // Within the skew two systems' clocks may differ by: taken.
    expect(admissionProblem(waiting, event('release_requested', '09:59'), SKEW)).toBeUndefined();
  });

  it('refuses an answer well before its request (a negative response time), and takes one within the skew', () => {
    const requested = handover(arrival, event('release_requested', '10:46'));
    const answer = (time: string) => event('release_responded', time, { outcome: 'released' });
    expect(admissionProblem(requested, answer('10:43'), SKEW)).toMatchObject({
      code: 'BEFORE_RELEASE_REQUEST',
      field: 'at',
    });
    expect(admissionProblem(requested, answer('10:45'), SKEW)).toBeUndefined();
    expect(admissionProblem(requested, answer('10:50'), SKEW)).toBeUndefined();
  });

  it('refuses a correction that would move the arrival after a release request', () => {
    const requested = handover(arrival, event('release_requested', '10:46'));
    const moveArrival = (time: string) =>
      event('corrected', '10:50', { field: 'arrivedAt', value: at(time), reason: 'Pressed late' });
    expect(admissionProblem(requested, moveArrival('10:49'), SKEW)).toMatchObject({
      code: 'BEFORE_ARRIVAL',
      field: 'value',
    });
    expect(admissionProblem(requested, moveArrival('10:40'), SKEW)).toBeUndefined();
  });

  it('leaves everything else to the reducer', () => {
    expect(admissionProblem(undefined, arrival, SKEW)).toBeUndefined();
    expect(admissionProblem(handover(arrival), event('cleared', '09:00'), SKEW)).toBeUndefined();
  });
});
