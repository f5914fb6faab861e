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
  const reusable = current?.isRunning && current.scopeKey === scopeKey && current.token === token;
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
 * if it asks for the same scope; if none comes within `holdMs`, the connection is dropped.
 */
export function connectEarly(
  token: string,
  scope: Scope,
  {
    holdMs = 10_000,
    createSocket = createBrowserSocket,
  }: { holdMs?: number; createSocket?: CreateSocket } = {},
): void {
  acquireLiveClient(token, scope, createSocket);
  const timer = setTimeout(() => earlyHold?.(), holdMs);
  earlyHold = () => {
    earlyHold = undefined;
    clearTimeout(timer);
    releaseLiveClient();
  };
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
