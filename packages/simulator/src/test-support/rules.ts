import {
  type Actor,
  applyEvent,
  type Handover,
  type HandoverEvent,
  type RecordedEvent,
} from '@handover/domain';
import type { GeneratedEvent } from '../wire-events';

/**
 * Test helpers: an independent check of the timeline rules (DOMAIN.md section 3) over generated events,
 * and a fold through the domain's own reducer that reports every refusal.
 */

/** The exact key order of each wire shape (events.ts, as the protocol schemas list them). */
export const WIRE_KEYS: Readonly<Record<HandoverEvent['type'], readonly string[]>> = {
  eta: [
    'type',
    'eventId',
    'handoverId',
    'at',
    'siteCode',
    'ambulanceTrustCode',
    'callsign',
    'category',
    'expectedAt',
  ],
  arrived: ['type', 'eventId', 'handoverId', 'at', 'siteCode', 'ambulanceTrustCode', 'callsign', 'category'],
  handed_over: ['type', 'eventId', 'handoverId', 'at', 'by'],
  cleared: ['type', 'eventId', 'handoverId', 'at'],
  release_requested: ['type', 'eventId', 'handoverId', 'at'],
  release_responded: ['type', 'eventId', 'handoverId', 'at', 'outcome', 'reason'],
  corrected: ['type', 'eventId', 'handoverId', 'at', 'field', 'value', 'reason'],
  cancelled: ['type', 'eventId', 'handoverId', 'at', 'reason'],
};
const OPTIONAL_KEYS = new Set(['category', 'reason']);

/** Keys of the event in order, minus optional ones that are absent from the expected list. */
export function keyOrderProblem(event: HandoverEvent): string | undefined {
  const keys = Object.keys(event);
  const expected = WIRE_KEYS[event.type].filter((key) => keys.includes(key) || !OPTIONAL_KEYS.has(key));
  if (event.type === 'cancelled' && !keys.includes('reason')) return 'cancelled without reason';
  return keys.join(',') === expected.join(',') ? undefined : `${event.type} keys ${keys.join(',')}`;
}

/** Every rule a generated handover's events must keep; returns the problems found (none is good). */
export function timelineProblems(events: readonly GeneratedEvent[]): string[] {
  const problems: string[] = [];
  const byHandover = new Map<string, HandoverEvent[]>();
  let previousAt = Number.NEGATIVE_INFINITY;
  const eventIds = new Set<string>();
  for (const { event } of events) {
    const at = Date.parse(event.at);
    if (at < previousAt) problems.push(`${event.eventId} out of time order`);
    previousAt = at;
    if (eventIds.has(event.eventId)) problems.push(`eventId ${event.eventId} repeated`);
    eventIds.add(event.eventId);
    const list = byHandover.get(event.handoverId) ?? [];
    list.push(event);
    byHandover.set(event.handoverId, list);
  }
  for (const [handoverId, list] of byHandover) {
    for (const problem of handoverProblems(list)) problems.push(`${handoverId}: ${problem}`);
  }
  return problems;
}

function handoverProblems(events: readonly HandoverEvent[]): string[] {
  const problems: string[] = [];
  let arrivedAt: number | undefined;
  let stamps = { crew: 0, ed: 0 };
  let cleared = false;
  let openRequest = false;
  let cancelled = false;
  const [first] = events;
  if (first?.type !== 'eta' && first?.type !== 'arrived') problems.push(`starts with ${first?.type}`);
  for (const event of events) {
    const at = Date.parse(event.at);
    if (cancelled) problems.push(`${event.type} after cancelled`);
    const needsArrival = event.type !== 'eta' && event.type !== 'arrived';
    if (needsArrival && (arrivedAt === undefined || at < arrivedAt))
      problems.push(`${event.type} before arrival`);
    switch (event.type) {
      case 'eta':
        if (arrivedAt !== undefined) problems.push('eta after arrival');
        break;
      case 'arrived':
        if (arrivedAt !== undefined) problems.push('second arrival');
        arrivedAt = at;
        break;
      case 'handed_over':
        stamps = { ...stamps, [event.by]: stamps[event.by] + 1 };
        if (stamps[event.by] > 1) problems.push(`second ${event.by} stamp`);
        break;
      case 'cleared':
        if (cleared) problems.push('second clear');
        cleared = true;
        break;
      case 'release_requested':
        if (openRequest || stamps.crew + stamps.ed > 0 || cleared)
          problems.push('release request not while waiting');
        if (arrivedAt !== undefined && at - arrivedAt < 45 * 60_000)
          problems.push('release requested before 45 min');
        openRequest = true;
        break;
      case 'release_responded':
        if (!openRequest) problems.push('release response without request');
        if (event.outcome === 'declined' && !event.reason) problems.push('decline without reason');
        openRequest = false;
        break;
      case 'corrected':
        if (!event.reason.trim()) problems.push('correction without reason');
        if (typeof event.value === 'string' && event.field !== 'callsign' && event.field !== 'arrivedAt') {
          if (arrivedAt !== undefined && Date.parse(event.value) < arrivedAt)
            problems.push('correction before arrival');
        }
        break;
      case 'cancelled':
        cancelled = true;
        break;
    }
  }
  return problems;
}

const ACTORS: Readonly<Record<GeneratedEvent['sendAs'], Actor>> = {
  feed: { credentialId: 'sim-feed', role: 'feed', label: 'Simulated ambulance feed' },
  ed: { credentialId: 'sim-ed', role: 'ed', label: 'Simulated ED' },
  control: { credentialId: 'sim-control', role: 'control', label: 'Simulated control room' },
};

export interface Folded {
  handovers: Map<string, Handover>;
  refusals: string[];
}

/** Applies every event through the domain reducer, as the server would record them, in order. */
export function foldThroughDomain(events: readonly GeneratedEvent[]): Folded {
  const handovers = new Map<string, Handover>();
  const refusals: string[] = [];
  events.forEach(({ event, sendAs }, index) => {
    const recorded: RecordedEvent = {
      event,
      recordedAt: new Date(Date.parse(event.at)).toISOString(),
      actor: ACTORS[sendAs],
      cursor: String(index).padStart(10, '0'),
    };
    const result = applyEvent(handovers.get(event.handoverId), recorded);
    if (result.ok) handovers.set(event.handoverId, result.handover);
    else refusals.push(`${event.type} ${event.eventId}: ${result.error.code}`);
  });
  return { handovers, refusals };
}
