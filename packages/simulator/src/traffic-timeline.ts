import { addDays, calendarDay, type LocalDate, localDateOf } from '@handover/domain';
import type { Calibration } from './calibration';
import { generateDay } from './generate-day';
import type { TrafficOrganisations } from './generator';
import type { TimedEvent } from './wire-events';

/**
 * The simulated traffic as one endless, time-ordered stream, generated a Europe/London day at a time.
 * Days are the unit of determinism: a day's traffic depends only on the seed, the day and the site, never
 * on when a run starts or stops. So a backfill, a later live run, or a restart a week later all see the
 * very same handovers and eventIds, and whatever overlaps is only a duplicate to the server.
 */

export interface TrafficTimelineOptions {
  seed: number;
  organisations: TrafficOrganisations;
  calibration: Calibration;
  sites?: readonly string[];
  /** Handovers arriving at or after this instant (epoch ms); earlier ones are left out whole. */
  arrivedFrom: number;
  /** Stop after the last event at or before this instant; endless when omitted. */
  until?: number;
}

// A day's earliest event is a pre-alert at most 20 minutes before its midnight: load it in time.
const LOOKAHEAD_MS = 3_600_000;
// A site set with no traffic at all would otherwise generate days ahead for ever.
const MAX_EMPTY_DAYS = 7;

interface Chunk {
  events: TimedEvent[];
  next: number;
}

export function* trafficTimeline(options: TrafficTimelineOptions): Generator<TimedEvent, void> {
  if (options.sites?.length === 0) throw new RangeError('Choose at least one site');
  const until = options.until ?? Number.POSITIVE_INFINITY;
  let nextDate = localDateOf(options.arrivedFrom);
  let nextStart = calendarDay(nextDate).start;
  let emptyDays = 0;
  const chunks: Chunk[] = [];
  for (;;) {
    const head = earliest(chunks);
    const headAt = head?.events[head.next]?.atMs;
    if (headAt === undefined || headAt >= nextStart - LOOKAHEAD_MS) {
      if (nextStart - LOOKAHEAD_MS > until) return;
      const events = dayEvents(options, nextDate);
      emptyDays = events.length === 0 ? emptyDays + 1 : 0;
      if (emptyDays >= MAX_EMPTY_DAYS) throw new Error(`No traffic for ${MAX_EMPTY_DAYS} days running`);
      if (events.length > 0) chunks.push({ events, next: 0 });
      nextDate = addDays(nextDate, 1);
      nextStart = calendarDay(nextDate).start;
      continue;
    }
    if (headAt > until) return;
    const event = head?.events[head.next];
    if (head === undefined || event === undefined) continue;
    head.next += 1;
    if (head.next >= head.events.length) chunks.splice(chunks.indexOf(head), 1);
    yield event;
  }
}

/** The chunk whose next event comes first; the earlier day wins a tie. */
function earliest(chunks: readonly Chunk[]): Chunk | undefined {
  let best: Chunk | undefined;
  for (const chunk of chunks) {
    const at = chunk.events[chunk.next]?.atMs;
    const bestAt = best?.events[best.next]?.atMs;
    if (at !== undefined && (bestAt === undefined || at < bestAt)) best = chunk;
  }
  return best;
}

/** One London day's traffic without the handovers that arrived before `arrivedFrom`. */
function dayEvents(options: TrafficTimelineOptions, date: LocalDate): TimedEvent[] {
  const { seed, organisations, calibration, sites, arrivedFrom } = options;
  const { events } = generateDay({ seed, date, organisations, calibration, ...(sites ? { sites } : {}) });
  const early = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'arrived' && Date.parse(event.at) < arrivedFrom) early.add(event.handoverId);
  }
  return events
    .filter(({ event }) => !early.has(event.handoverId))
    .map((generated) => ({ atMs: Date.parse(generated.event.at), generated }));
}
