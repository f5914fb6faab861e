import type { ApiError } from '@handover/protocol';

/** Every outcome of a REST call, so callers decide what a failure means for them (retry, refuse, explain). */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; kind: 'network'; message: string }
  | { ok: false; kind: 'http'; status: number; error: ApiError; retryAfterMs: number | null };

export interface ApiRequest {
  token: string | null;
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

export type Fetch = typeof fetch;

/** Calls the REST API with the bearer credential; never throws. */
export async function apiRequest<T>(
  path: string,
  request: ApiRequest,
  fetchImpl: Fetch = fetch,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.token !== null) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: request.method ?? 'GET',
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  } catch (error) {
    return { ok: false, kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  return {
    ok: false,
    kind: 'http',
    status: response.status,
    error: apiErrorOf(body, response.status),
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
  };
}

function apiErrorOf(body: unknown, status: number): ApiError {
  const error = (body as { error?: Partial<ApiError> } | undefined)?.error;
  if (error !== undefined && typeof error.code === 'string' && typeof error.message === 'string') {
    return error as ApiError;
  }
  // A proxy or load balancer answered, not our server.
  return {
    code: status >= 500 ? 'STORE_UNAVAILABLE' : 'INVALID_BODY',
    message: `The server answered ${status}.`,
  };
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}
