import type { Scope } from '@handover/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../test-support/fake-socket';
import { acquireLiveClient, connectEarly, releaseLiveClient } from './page-live-client';

const BOARD: Scope = { kind: 'sites', codes: ['RRK15'] };
const CONTROL: Scope = { kind: 'ambulance_trust', code: 'RYA' };

let sockets: FakeSocket[];
const createSocket = (url: string) => {
  const socket = new FakeSocket(url);
  sockets.push(socket);
  return socket;
};
const open = () => sockets.filter((socket) => socket.closedByClient === undefined);

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
});
afterEach(() => {
  // Whatever a test left connected is closed before the next one.
  releaseLiveClient();
  vi.runAllTimers();
  vi.useRealTimers();
});

describe('connecting before the screen renders', () => {
  it('hands its connection to the first view asking for the same scope', () => {
    connectEarly('token', BOARD, { createSocket, holdMs: 10_000 });
    expect(sockets).toHaveLength(1);

    const client = acquireLiveClient('token', BOARD, createSocket);
    expect(sockets).toHaveLength(1);
    expect(client.isRunning).toBe(true);

    // The view is the only holder now: when it goes, the connection goes, not 10 s later.
    releaseLiveClient();
    vi.advanceTimersByTime(1);
    expect(open()).toHaveLength(0);
  });

  it('keeps the connection for as long as the view holds it', () => {
    connectEarly('token', BOARD, { createSocket, holdMs: 10_000 });
    acquireLiveClient('token', BOARD, createSocket);
    vi.advanceTimersByTime(60_000);
    expect(open()).toEqual([sockets[0]]);
  });

  it('is replaced by a view asking for another scope', () => {
    connectEarly('token', BOARD, { createSocket });
    acquireLiveClient('token', CONTROL, createSocket);
    expect(sockets).toHaveLength(2);
    expect(open()).toEqual([sockets[1]]);
    releaseLiveClient();
  });

  it('is dropped when no view comes for it', () => {
    connectEarly('token', BOARD, { createSocket, holdMs: 5_000 });
    vi.advanceTimersByTime(4_999);
    expect(open()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    vi.runAllTimers();
    expect(open()).toHaveLength(0);
  });
});
