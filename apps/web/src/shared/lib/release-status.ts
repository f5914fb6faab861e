import type { Handover, ReleaseRequest } from '@handover/domain';

/**
 * Where Release to Respond stands for a handover: its last request, open or answered. Control rooms,
 * the wall display and the entry tablet all read it the same way.
 */
export type ReleaseStatus =
  | { kind: 'none' }
  | { kind: 'open'; request: ReleaseRequest }
  | { kind: 'released'; request: ReleaseRequest; respondedAt: number }
  | { kind: 'declined'; request: ReleaseRequest; respondedAt: number; reason: string };

export function releaseStatus(handover: Handover): ReleaseStatus {
  const request = handover.releaseRequests.at(-1);
  if (request === undefined) return { kind: 'none' };
  if (request.respondedAt === undefined) return { kind: 'open', request };
  if (request.outcome === 'declined') {
    return { kind: 'declined', request, respondedAt: request.respondedAt, reason: request.reason ?? '' };
  }
  return { kind: 'released', request, respondedAt: request.respondedAt };
}

/**
 * Who asked, in words: a control room credential speaks for the ambulance service whose crew it is
 * (its scope is that trust), so it is named after the service rather than by its credential label.
 */
export function requesterName(request: ReleaseRequest, ambulanceServiceName: string | undefined): string {
  if (request.requestedBy.role === 'control' && ambulanceServiceName !== undefined) {
    return `${ambulanceServiceName} control room`;
  }
  return request.requestedBy.label;
}
