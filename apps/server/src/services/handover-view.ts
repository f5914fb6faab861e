import { bandAt, clockAt, type Handover, handoverTime, isDisputed, type Thresholds } from '@handover/domain';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** A handover as the REST API shows it: ISO timestamps, the reported handover time and its band. */
export function toHandoverView(handover: Handover, now: number, thresholds: Thresholds) {
  return {
    handoverId: handover.handoverId,
    siteCode: handover.siteCode,
    ambulanceTrustCode: handover.ambulanceTrustCode,
    callsign: handover.callsign,
    category: handover.category ?? null,
    state: handover.state,
    preAlerted: handover.preAlerted,
    expectedAt: iso(handover.expectedAt),
    arrivedAt: iso(handover.arrivedAt),
    crewHandedOverAt: iso(handover.crewHandedOverAt),
    edHandedOverAt: iso(handover.edHandedOverAt),
    handedOverAt: iso(handoverTime(handover)),
    clearedAt: iso(handover.clearedAt),
    clockSeconds: ((ms) => (ms === undefined ? null : Math.floor(ms / 1000)))(clockAt(handover, now)),
    band: bandAt(handover, now, thresholds) ?? null,
    disputed: isDisputed(handover, thresholds),
    cancelled: handover.cancelled
      ? { reason: handover.cancelled.reason, at: iso(handover.cancelled.at), by: handover.cancelled.by.label }
      : null,
    releaseRequests: handover.releaseRequests.map((request) => ({
      requestedAt: iso(request.requestedAt),
      requestedBy: request.requestedBy.label,
      respondedAt: iso(request.respondedAt),
      respondedBy: request.respondedBy?.label ?? null,
      outcome: request.outcome ?? null,
      reason: request.reason ?? null,
    })),
    corrections: handover.corrections.map((correction) => ({
      field: correction.field,
      oldValue: correction.oldValue,
      newValue: correction.newValue,
      reason: correction.reason,
      at: iso(correction.at),
      recordedAt: iso(correction.recordedAt),
      by: correction.by.label,
    })),
  };
}
export type HandoverView = ReturnType<typeof toHandoverView>;
