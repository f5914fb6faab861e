import {
  admissionProblem,
  applyEvent,
  compareCursors,
  type Handover,
  type HandoverEvent,
  type HandoverState,
  isCorrectableTimestamp,
  type Organisations,
  parseTimestamp,
} from '@handover/domain';
import type { ApiError } from '@handover/protocol';
import type { EventStore } from '@handover/store';
import { canRecord } from '../access/access-rules';
import { actorOf, type Principal } from '../access/principal';
import type { LiveProjection } from '../live/live-projection';

export type IngestOutcome =
  | {
      ok: true;
      outcome: 'accepted' | 'duplicate';
      eventId: string;
      handoverId: string;
      cursor: string;
      recordedAt: string;
      state: HandoverState;
    }
  | { ok: false; error: ApiError };

export interface IngestOptions {
  store: EventStore;
  projection: LiveProjection;
  organisations: Organisations;
  now: () => number;
  maxFutureSkewMs: number;
  amendmentWindowDays: number;
}

const DAY_MS = 86_400_000;
// Two instances racing on one handover retry after catching up; more than this means something is wrong.
const MAX_CONFLICT_RETRIES = 5;
// How long a refusal waits for this instance to catch up with what another one acknowledged.
const CATCH_UP_MS = 2_000;

/**
 * Takes one well-formed event from the API to the durable log: checks its time window, codes and the
 * caller's rights, validates it against the handover's history with the domain reducer, appends it
 * with optimistic concurrency on the handover's version, and answers once this instance's projection
 * has applied it (so the caller reads its own write).
 */
export class IngestService {
  constructor(private readonly options: IngestOptions) {}

  async ingest(event: HandoverEvent, principal: Principal): Promise<IngestOutcome> {
    const { store, projection, now } = this.options;
    const receivedAt = now();
    const refused = this.checkTimeAndCodes(event, receivedAt);
    if (refused) return { ok: false, error: refused };

    let caughtUp = false;
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const current = projection.get(event.handoverId);
      const closedForAmendment = this.checkAmendmentWindow(current, receivedAt);
      if (closedForAmendment) return { ok: false, error: closedForAmendment };
      // Checked before the handover's existence: a role that may not record this event hears so either way.
      const access = canRecord(principal, event, current, this.options.organisations);
      if (!access.ok) return { ok: false, error: { code: 'FORBIDDEN', message: access.message } };
      const late = admissionProblem(current, event, this.options.maxFutureSkewMs);
      if (late) return { ok: false, error: late };
      const actor = actorOf(principal);
      const recordedAt = new Date(receivedAt).toISOString();
      const trial = applyEvent(current, { event, actor, recordedAt, cursor: current?.lastCursor ?? '0-0' });
      if (!trial.ok) {
        // Only refusals pay for this: another instance may have acknowledged an event of this handover
        // (its arrival, say) that this one has not read yet. The caller rightly expects it to count.
        if (!caughtUp && (await this.catchUpWith(event.handoverId, current))) {
          caughtUp = true;
          continue;
        }
        return { ok: false, error: trial.error };
      }

      const result = await store.append({
        event,
        actor,
        recordedAt,
        expectedVersion: current?.lastCursor ?? null,
      });
      if (result.outcome === 'conflict') {
        if (result.currentVersion !== null) await projection.waitFor(result.currentVersion);
        continue;
      }
      if (result.outcome === 'duplicate' && !sameEvent(result.recorded.event, event)) {
        return {
          ok: false,
          error: {
            code: 'EVENT_ID_REUSED',
            message: `eventId ${event.eventId} was already used for a different event; choose a new UUID for a new event.`,
            field: 'eventId',
          },
        };
      }
      await projection.waitFor(result.recorded.cursor);
      const handover = projection.get(result.recorded.event.handoverId);
      return {
        ok: true,
        outcome: result.outcome === 'appended' ? 'accepted' : 'duplicate',
        eventId: event.eventId,
        handoverId: result.recorded.event.handoverId,
        cursor: result.recorded.cursor,
        recordedAt: result.recorded.recordedAt,
        state: handover?.state ?? trial.handover.state,
      };
    }
    throw new Error(`Handover ${event.handoverId} kept changing under concurrent writes; retry the request.`);
  }

  /**
   * When the store holds events of the handover past those this refusal was judged on (`current`), waits
   * (bounded) for the projection to apply them: true when validating again may answer differently.
   */
  private async catchUpWith(handoverId: string, current: Handover | undefined): Promise<boolean> {
    const { store, projection } = this.options;
    const version = await store.versionOf(handoverId);
    if (version === null || compareCursors(version, current?.lastCursor ?? null) <= 0) return false;
    // Resolves at once if the projection got there while the store was answering.
    await projection.catchUp(version, CATCH_UP_MS);
    return true;
  }

  /** A correction's `at` is when it was made, so the window is also judged by the handover's arrival. */
  private checkAmendmentWindow(current: Handover | undefined, receivedAt: number): ApiError | undefined {
    const { amendmentWindowDays } = this.options;
    if (current?.arrivedAt === undefined || current.arrivedAt >= receivedAt - amendmentWindowDays * DAY_MS) {
      return undefined;
    }
    return {
      code: 'TIMESTAMP_TOO_OLD',
      message: `This handover arrived more than ${amendmentWindowDays} days ago: it is outside the amendment window and can no longer change.`,
      field: 'handoverId',
    };
  }

  private checkTimeAndCodes(event: HandoverEvent, receivedAt: number): ApiError | undefined {
    const { organisations } = this.options;
    const refused =
      this.checkTime('at', event.at, receivedAt) ??
      // A corrected timestamp is held to the same window as the event's own, or a correction could
      // move an arrival outside the amendment window and lock the handover for good.
      (event.type === 'corrected' && isCorrectableTimestamp(event.field) && typeof event.value === 'string'
        ? this.checkTime('value', event.value, receivedAt)
        : undefined);
    if (refused) return refused;
    if ('siteCode' in event && organisations.site(event.siteCode) === undefined) {
      return { code: 'UNKNOWN_SITE', message: `Unknown site code '${event.siteCode}'.`, field: 'siteCode' };
    }
    if (
      'ambulanceTrustCode' in event &&
      organisations.ambulanceTrust(event.ambulanceTrustCode) === undefined
    ) {
      return {
        code: 'UNKNOWN_TRUST',
        message: `Unknown ambulance trust code '${event.ambulanceTrustCode}'.`,
        field: 'ambulanceTrustCode',
      };
    }
    return undefined;
  }

  private checkTime(field: string, timestamp: string, receivedAt: number): ApiError | undefined {
    const { maxFutureSkewMs, amendmentWindowDays } = this.options;
    const at = Date.parse(timestamp);
    if (at > receivedAt + maxFutureSkewMs) {
      return {
        code: 'TIMESTAMP_IN_FUTURE',
        message: `Field '${field}' is more than ${maxFutureSkewMs / 1000} seconds ahead of the server clock (${new Date(receivedAt).toISOString()}); check the sender's clock.`,
        field,
      };
    }
    if (at < receivedAt - amendmentWindowDays * DAY_MS) {
      return {
        code: 'TIMESTAMP_TOO_OLD',
        message: `Field '${field}' is older than the ${amendmentWindowDays}-day amendment window.`,
        field,
      };
    }
    return undefined;
  }
}

/**
 * Same event content regardless of key order or how its times are written ("10:04:00Z" and
 * "10:04:00.000+00:00" are one instant): a true retry, as opposed to a re-used eventId.
 */
function sameEvent(a: HandoverEvent, b: HandoverEvent): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(event: HandoverEvent): string {
  const timed = event.type === 'corrected' && isCorrectableTimestamp(event.field) ? TIMED_WITH_VALUE : TIMED;
  const fields = Object.entries(event).map(([key, value]) => {
    const instant = timed.has(key) && typeof value === 'string' ? parseTimestamp(value) : undefined;
    return [key, instant ?? value] as const;
  });
  return JSON.stringify(Object.fromEntries(fields.sort(([x], [y]) => x.localeCompare(y))));
}

const TIMED = new Set(['at', 'expectedAt']);
const TIMED_WITH_VALUE = new Set([...TIMED, 'value']);
