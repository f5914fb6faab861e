import type { DomainError } from './errors';
import { domainError } from './errors';
import type { HandoverEvent } from './events';
import type { Handover } from './handover';

/**
 * Rules a new event must meet beyond the reducer's. The reducer folds whatever the log holds, which
 * was admitted under the rules of its day: a rule added later is checked here, when an event is
 * admitted, so that replaying an older log never changes what it says.
 *
 * `toleranceMs` is the clock skew allowed between the systems that stamp one handover's events (the
 * control room's request and the ED's answer come from different clocks): only a time earlier than
 * that is a mistake rather than skew.
 */
export function admissionProblem(
  current: Handover | undefined,
  event: HandoverEvent,
  toleranceMs: number,
): DomainError | undefined {
  if (current === undefined) return undefined;
  const at = Date.parse(event.at);
  if (event.type === 'release_requested' && current.arrivedAt !== undefined) {
    if (at < current.arrivedAt - toleranceMs) {
      return domainError('BEFORE_ARRIVAL', 'A release cannot be requested before arrival', 'at');
    }
  }
  if (event.type === 'release_responded') {
    const open = current.releaseRequests.at(-1);
    // The response time is measured from the request: an answer well before it is a wrong stamp.
    if (open !== undefined && open.respondedAt === undefined && at < open.requestedAt - toleranceMs) {
      return domainError('BEFORE_RELEASE_REQUEST', 'A release response cannot be before its request', 'at');
    }
  }
  if (event.type === 'corrected' && event.field === 'arrivedAt' && typeof event.value === 'string') {
    // The reducer keeps the stamps after arrival; a release request, checked above, must stay so too.
    const arrivedAt = Date.parse(event.value);
    const firstRequest = current.releaseRequests[0];
    if (firstRequest !== undefined && firstRequest.requestedAt < arrivedAt - toleranceMs) {
      return domainError(
        'BEFORE_ARRIVAL',
        'The correction would put the release request before arrival',
        'value',
      );
    }
  }
  return undefined;
}
