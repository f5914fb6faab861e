import type { ReleaseRequestedEvent } from '@handover/domain';
import { type ApiResult, apiRequest, type Fetch } from '../../shared/api-client/api-client';

/** A Release to Respond request: control asks the ED to release a held crew. */
export function releaseRequestEvent(
  handoverId: string,
  at: number,
  newId: () => string = () => crypto.randomUUID(),
): ReleaseRequestedEvent {
  return { type: 'release_requested', eventId: newId(), handoverId, at: new Date(at).toISOString() };
}

export type RequestOutcome = { ok: true } | { ok: false; message: string; canRetry: boolean };

/**
 * Sends the request with the page's credential. The server decides who may ask (a control room, for
 * its own trust's waiting crews) and says why not; its words are shown as they are. A retry resends
 * the same event, so the eventId makes it count once.
 */
export async function sendReleaseRequest(
  token: string,
  event: ReleaseRequestedEvent,
  fetchImpl?: Fetch,
): Promise<RequestOutcome> {
  const result: ApiResult<unknown> = await apiRequest(
    '/api/v1/events',
    { token, method: 'POST', body: event },
    fetchImpl,
  );
  if (result.ok) return { ok: true };
  if (result.kind === 'network') {
    return { ok: false, message: 'No connection to the server: the request was not sent.', canRetry: true };
  }
  const transient = result.status >= 500 || result.status === 429 || result.status === 408;
  return { ok: false, message: result.error.message, canRetry: transient };
}
