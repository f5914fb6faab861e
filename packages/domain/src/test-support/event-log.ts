import { randomUUID } from 'node:crypto';
import type { HandoverEvent, RecordedEvent } from '../events';
import type { Handover } from '../handover';
import { applyEvent } from '../handover-reducer';
import type { HourlyFactStore } from '../hourly-fact-store';

const actor = { credentialId: 'test', role: 'feed', label: 'Test feed' };

type Follow = Exclude<HandoverEvent['type'], 'arrived' | 'eta'>;
type FollowFields<T extends Follow> = Omit<
  Extract<HandoverEvent, { type: T }>,
  'type' | 'eventId' | 'handoverId' | 'at'
>;

/**
 * A test event log that plays each event into handovers and a fact store the way the server does
 * (fold with the reducer, then replace the handover's contribution), with cursors and recording times.
 */
export class EventLog {
  readonly recorded: RecordedEvent[] = [];
  readonly handovers = new Map<string, Handover>();
  private sequence = 0;

  constructor(private readonly facts?: HourlyFactStore) {}

  /** Records an arrival and returns the new handover's id. */
  arrive(at: number, options: { site?: string; ambulanceTrust?: string; recordedAt?: number } = {}): string {
    const handoverId = randomUUID();
    this.play(
      {
        type: 'arrived',
        eventId: randomUUID(),
        handoverId,
        at: new Date(at).toISOString(),
        siteCode: options.site ?? 'RRK15',
        ambulanceTrustCode: options.ambulanceTrust ?? 'RYA',
        callsign: 'WM 101',
      },
      options.recordedAt ?? at,
    );
    return handoverId;
  }

  follow<T extends Follow>(
    handoverId: string,
    type: T,
    at: number,
    fields: FollowFields<T>,
    recordedAt: number = at,
  ): void {
    const event = {
      type,
      eventId: randomUUID(),
      handoverId,
      at: new Date(at).toISOString(),
      ...fields,
    } as Extract<HandoverEvent, { type: T }>;
    this.play(event, recordedAt);
  }

  /** Crew stamps handover at `at` (and the ED too when `edAt` is given). */
  handOver(handoverId: string, at: number, edAt?: number): void {
    this.follow(handoverId, 'handed_over', at, { by: 'crew' });
    if (edAt !== undefined) this.follow(handoverId, 'handed_over', edAt, { by: 'ed' });
  }

  private play(event: HandoverEvent, recordedAt: number): void {
    this.sequence++;
    const recorded: RecordedEvent = {
      event,
      recordedAt: new Date(recordedAt).toISOString(),
      actor,
      cursor: `${this.sequence}-0`,
    };
    const previous = this.handovers.get(event.handoverId);
    const result = applyEvent(previous, recorded);
    if (!result.ok) throw new Error(`Test event refused: ${result.error.code} ${result.error.message}`);
    this.recorded.push(recorded);
    this.handovers.set(event.handoverId, result.handover);
    this.facts?.replace(previous, result.handover);
  }
}
