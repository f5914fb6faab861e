import type { Scope } from '@handover/protocol';
import { useEffect } from 'react';
import { liveStore } from '../../stores/live-store';
import { LiveClient } from './live-client';
import { type CreateSocket, createBrowserSocket, liveSocketUrl } from './socket';

/**
 * One live client per page, shared by every view on it. A view asks for the scope it needs; asking
 * for another scope (or with another credential) replaces the client and its data.
 */
let current: LiveClient | undefined;
let users = 0;
let pendingStop: ReturnType<typeof setTimeout> | undefined;

export function acquireLiveClient(
  token: string,
  scope: Scope,
  createSocket: CreateSocket = createBrowserSocket,
): LiveClient {
  clearTimeout(pendingStop);
  users++;
  const scopeKey = JSON.stringify(scope);
  const same = current?.scopeKey === scopeKey && current.token === token;
  // A refused client keeps its answer while a view holds it: asking again would only be refused again.
  const reusable = same && current !== undefined && (current.isRunning || current.wasRefused);
  if (!reusable || current === undefined) {
    current?.stop();
    current = new LiveClient({ url: liveSocketUrl(), token, scope, store: liveStore, createSocket });
    current.start();
  }
  const client = current;
  // A view has come: the early connection is its now (or, for another scope, already replaced).
  earlyHold?.();
  return client;
}

let earlyHold: (() => void) | undefined;

/**
 * Connects before any view mounts (main.tsx, while the screen's code downloads), so the first snapshot
 * is on its way by the time the screen renders. The first view to acquire a client takes this one over
 * if it asks for the same scope; `releaseEarlyConnection` drops it if none has.
 */
export function connectEarly(
  token: string,
  scope: Scope,
  createSocket: CreateSocket = createBrowserSocket,
): void {
  acquireLiveClient(token, scope, createSocket);
  earlyHold = () => {
    earlyHold = undefined;
    releaseLiveClient();
  };
}

/** Lets the early connection go unless a view has taken it over (main.tsx, once the screen has mounted). */
export function releaseEarlyConnection(): void {
  earlyHold?.();
}

/** Stops the client a moment after its last view goes, so a remount (or React's dev double-mount) keeps it. */
export function releaseLiveClient(): void {
  users = Math.max(0, users - 1);
  if (users > 0) return;
  clearTimeout(pendingStop);
  pendingStop = setTimeout(() => {
    current?.stop();
    current = undefined;
  }, 0);
}

/** Keeps the page's live client connected to `scope` while the calling view is mounted. */
export function useLiveConnection(token: string | null, scope: Scope): void {
  const scopeKey = JSON.stringify(scope);
  useEffect(() => {
    if (token === null) return;
    acquireLiveClient(token, JSON.parse(scopeKey) as Scope);
    return releaseLiveClient;
  }, [token, scopeKey]);
}
