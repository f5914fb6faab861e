import fc from 'fast-check';
import type { Handover, HandoverState, ReleaseRequest } from '../handover';
import { HANDOVER_STATES } from '../handover';
import { HOUR_MS, MINUTE_MS } from '../thresholds';

/** Random handovers for property tests: timings that often sit exactly on, or 1 ms either side of, a threshold. */

const actor = { credentialId: 'c1', role: 'ed', label: 'ED tablet' };
const M = MINUTE_MS;
const thresholdMinutes = [0, 5, 15, 30, 45, 60, 90] as const;

export const offsetMs = fc.oneof(
  fc.integer({ min: -10 * M, max: 4 * HOUR_MS }),
  fc.constantFrom(...thresholdMinutes).chain((m) => fc.constantFrom(m * M - 1, m * M, m * M + 1)),
);

function releaseArb(base: number): fc.Arbitrary<ReleaseRequest> {
  return fc
    .record({
      requested: offsetMs,
      response: fc.option(fc.integer({ min: 0, max: HOUR_MS }), { nil: undefined }),
      outcome: fc.constantFrom('released' as const, 'declined' as const),
    })
    .map(({ requested, response, outcome }) => ({
      requestedAt: base + requested,
      requestedBy: actor,
      ...(response === undefined ? {} : { respondedAt: base + requested + response, outcome }),
    }));
}

export interface RandomHandoverOptions {
  /** Arrivals fall in [base - 2 h, base + spanHours h). */
  base: number;
  spanHours?: number;
  sites?: readonly string[];
  ambulanceTrusts?: readonly string[];
}

export function handoverArb(options: RandomHandoverOptions): fc.Arbitrary<Handover> {
  const {
    base,
    spanHours = 26,
    sites = ['RRK15', 'RRK97', 'R0B01'],
    ambulanceTrusts = ['RYA', 'RX6'],
  } = options;
  return fc
    .record({
      state: fc.constantFrom<HandoverState>(...HANDOVER_STATES),
      site: fc.constantFrom(...sites),
      ambulanceTrust: fc.constantFrom(...ambulanceTrusts),
      arrival: fc.option(fc.integer({ min: -2 * HOUR_MS, max: spanHours * HOUR_MS }), { nil: undefined }),
      crew: fc.option(offsetMs, { nil: undefined }),
      ed: fc.option(offsetMs, { nil: undefined }),
      cleared: fc.option(offsetMs, { nil: undefined }),
      releases: fc.array(releaseArb(base), { maxLength: 3 }),
      corrections: fc.nat({ max: 2 }),
    })
    .map(({ state, site, ambulanceTrust, arrival, crew, ed, cleared, releases, corrections }) => {
      const arrivedAt = arrival === undefined ? undefined : base + arrival;
      const after = (offset: number | undefined) =>
        offset === undefined || arrivedAt === undefined ? undefined : arrivedAt + offset;
      const handover: Handover = {
        handoverId: 'h',
        siteCode: site,
        ambulanceTrustCode: ambulanceTrust,
        callsign: 'WM101',
        state,
        preAlerted: false,
        arrivedAt,
        crewHandedOverAt: after(crew),
        edHandedOverAt: after(ed),
        clearedAt: after(cleared),
        releaseRequests: releases,
        corrections: Array.from({ length: corrections }, (_, index) => ({
          eventId: `c${index}`,
          field: 'arrivedAt' as const,
          oldValue: null,
          newValue: '2026-01-12T00:00:00Z',
          reason: 'pressed late',
          at: base,
          recordedAt: base,
          by: actor,
        })),
        eventIds: [],
        lastCursor: '0',
      };
      if (state === 'cancelled') handover.cancelled = { reason: 'duplicate', at: base, by: actor };
      return handover;
    });
}

export function handoversArb(options: RandomHandoverOptions, maxLength = 40): fc.Arbitrary<Handover[]> {
  return fc
    .array(handoverArb(options), { maxLength })
    .map((list) => list.map((handover, index) => ({ ...handover, handoverId: `h${index}` })));
}
