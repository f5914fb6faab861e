import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../shared/api-client/api-client';

/** What a report page has: the answer, or why not, with the last answer kept through a failed refresh. */
export type ResourceLoad<T> =
  | { status: 'loading' }
  | { status: 'ready'; body: T }
  | { status: 'not-found'; message: string }
  | { status: 'unauthorised' }
  | { status: 'forbidden'; message: string }
  | { status: 'failed'; message: string; last: T | null };

/**
 * Loads a REST resource with the credential, again when `key` changes, and every `refreshMs` while
 * `live(body)` says the answer is computed as at now (a provisional report or today's daily return).
 */
export function useApiResource<T>(
  token: string | null,
  key: string,
  load: (token: string) => Promise<ApiResult<T>>,
  options: { refreshMs?: number; live?: (body: T) => boolean } = {},
): { load: ResourceLoad<T>; refresh: () => Promise<void> } {
  const [state, setState] = useState<{ key: string; load: ResourceLoad<T> }>({
    key,
    load: { status: 'loading' },
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const liveRef = useRef(options.live);
  liveRef.current = options.live;

  const refresh = useCallback(async () => {
    if (token === null) return;
    const result = await loadRef.current(token);
    setState((previous) => ({
      key,
      load: next(previous.key === key ? previous.load : { status: 'loading' }, result),
    }));
  }, [token, key]);

  useEffect(() => {
    let current = true;
    setState((previous) => (previous.key === key ? previous : { key, load: { status: 'loading' } }));
    if (token === null) return;
    void loadRef.current(token).then((result) => {
      if (current) setState((previous) => ({ key, load: next(previous.load, result) }));
    });
    return () => {
      current = false;
    };
  }, [token, key]);

  const { refreshMs } = options;
  const shown = state.key === key ? state.load : ({ status: 'loading' } as const);
  const isLive = shown.status === 'ready' && liveRef.current?.(shown.body) === true;
  useEffect(() => {
    if (refreshMs === undefined || !isLive) return;
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, isLive, refresh]);

  return { load: shown, refresh };
}

function next<T>(previous: ResourceLoad<T>, result: ApiResult<T>): ResourceLoad<T> {
  if (result.ok) return { status: 'ready', body: result.body };
  if (result.kind === 'http') {
    if (result.status === 401) return { status: 'unauthorised' };
    if (result.status === 403) return { status: 'forbidden', message: result.error.message };
    if (result.status === 404 || result.status === 400) {
      return { status: 'not-found', message: result.error.message };
    }
  }
  const message = result.kind === 'network' ? 'The server could not be reached.' : result.error.message;
  const last =
    previous.status === 'ready' ? previous.body : previous.status === 'failed' ? previous.last : null;
  return { status: 'failed', message, last };
}
