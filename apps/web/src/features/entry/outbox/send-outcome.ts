import type { ApiResult } from '../../../shared/api-client/api-client';

/** What one attempt to send an event means for the outbox. */
export type SendOutcome =
  /** 201 accepted, or 200 duplicate: the server has it (exactly once, by eventId). */
  | { kind: 'delivered' }
  /** Network down, server busy or restarting: keep it and try again later, with the same eventId. */
  | { kind: 'retry'; problem: string; retryAfterMs: number | null }
  /** The server will never accept it as it is (a 4xx refusal): show the reason to a person. */
  | { kind: 'refused'; code: string; message: string }
  /** The credential is no longer valid: keep everything until someone signs in again. */
  | { kind: 'unauthorised'; message: string };

/** Statuses that mean "not now" rather than "no". */
const TRANSIENT = new Set([408, 425, 429]);

export function classifySend(result: ApiResult<unknown>): SendOutcome {
  if (result.ok) return { kind: 'delivered' };
  if (result.kind === 'network') {
    return { kind: 'retry', problem: 'No connection to the server', retryAfterMs: null };
  }
  if (result.status === 401) return { kind: 'unauthorised', message: result.error.message };
  if (result.status >= 500 || TRANSIENT.has(result.status)) {
    return { kind: 'retry', problem: result.error.message, retryAfterMs: result.retryAfterMs };
  }
  return { kind: 'refused', code: result.error.code, message: result.error.message };
}
