import type { Role, Scope } from '@handover/protocol';
import { useEffect, useState } from 'react';
import { type ApiResult, apiRequest, type Fetch } from '../api-client/api-client';

/** Who a credential is, as GET /api/v1/me tells it. */
export interface Identity {
  label: string;
  role: Role;
  scope: Scope;
}

export function fetchIdentity(token: string, fetchImpl?: Fetch): Promise<ApiResult<Identity>> {
  return apiRequest<Identity>('/api/v1/me', { token }, fetchImpl);
}

export type IdentityLookup =
  | { status: 'loading' }
  | { status: 'known'; identity: Identity }
  | { status: 'unauthorised' }
  /** The server could not say (unreachable, or too old to have /api/v1/me). */
  | { status: 'unknown' };

/** The identity of `token`, looked up once per token. */
export function useIdentity(token: string | null): IdentityLookup {
  const [lookup, setLookup] = useState<IdentityLookup>({ status: 'loading' });
  useEffect(() => {
    if (token === null) {
      setLookup({ status: 'unknown' });
      return;
    }
    let current = true;
    setLookup({ status: 'loading' });
    fetchIdentity(token).then((result) => {
      if (!current) return;
      if (result.ok) setLookup({ status: 'known', identity: result.body });
      else if (result.kind === 'http' && result.status === 401) setLookup({ status: 'unauthorised' });
      else setLookup({ status: 'unknown' });
    });
    return () => {
      current = false;
    };
  }, [token]);
  return lookup;
}
