import type { HandoverEvent } from '@handover/domain';
import { useEffect, useSyncExternalStore } from 'react';
import { apiRequest } from '../../shared/api-client/api-client';
import { credentialStore } from '../../shared/credentials/credential-store';
import { liveStore } from '../../stores/live-store';
import { Outbox, type OutboxSnapshot } from './outbox/outbox';
import { classifySend, type SendOutcome } from './outbox/send-outcome';

async function sendEvent(event: HandoverEvent): Promise<SendOutcome> {
  const { token } = credentialStore.getState();
  if (token === null) return { kind: 'unauthorised', message: 'No credential is saved in this browser.' };
  return classifySend(await apiRequest('/api/v1/events', { token, method: 'POST', body: event }));
}

let outbox: Outbox | undefined;

/** The page's one outbox (a second would send the same stored events twice). */
export function pageOutbox(): Outbox {
  outbox ??= new Outbox({ storage: localStorage, send: sendEvent });
  return outbox;
}

/**
 * The outbox's state for rendering, and the outbox itself. Sends at once when the network or the
 * live connection comes back, or the credential changes, instead of waiting for the next retry.
 */
export function usePageOutbox(): [OutboxSnapshot, Outbox] {
  const box = pageOutbox();
  const snapshot = useSyncExternalStore(box.subscribe, box.getSnapshot);
  useEffect(() => {
    const flush = () => void box.flush();
    flush();
    window.addEventListener('online', flush);
    const stopWatchingLive = liveStore.subscribe((state, previous) => {
      if (state.connection.phase === 'open' && previous.connection.phase !== 'open') flush();
    });
    const stopWatchingCredential = credentialStore.subscribe(flush);
    return () => {
      window.removeEventListener('online', flush);
      stopWatchingLive();
      stopWatchingCredential();
    };
  }, [box]);
  return [snapshot, box];
}
