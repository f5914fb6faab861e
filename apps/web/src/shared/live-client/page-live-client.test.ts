import { CLOSE_CODES, type Scope } from '@handover/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../../stores/live-store';
import { FakeSocket } from '../../test-support/fake-socket';
import {
  acquireLiveClient,
  connectEarly,
  releaseEarlyConnection,
  releaseLiveClient,
} from './page-live-client';

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
  releaseEarlyConnection();
  releaseLiveClient();
  vi.runAllTimers();
  vi.useRealTimers();
});

describe('connecting before the screen renders', () => {
  it('hands its connection to the first view asking for the same scope', () => {
    connectEarly('token', BOARD, createSocket);
    expect(sockets).toHaveLength(1);

    const client = acquireLiveClient('token', BOARD, createSocket);
    expect(sockets).toHaveLength(1);
    expect(client.isRunning).toBe(true);

    // The view is the only holder now: when it goes, the connection goes.
    releaseLiveClient();
    vi.advanceTimersByTime(1);
    expect(open()).toHaveLength(0);
  });

  it('survives StrictMode mounting the view twice, and letting go of what is already handed over', () => {
    connectEarly('token', BOARD, createSocket);
    acquireLiveClient('token', BOARD, createSocket);
    releaseLiveClient();
    acquireLiveClient('token', BOARD, createSocket);
    releaseEarlyConnection();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(open()).toEqual([sockets[0]]);
  });

  it('is replaced by a view asking for another scope, or with another credential', () => {
    connectEarly('token', BOARD, createSocket);
    acquireLiveClient('token', CONTROL, createSocket);
    expect(open()).toEqual([sockets[1]]);
    releaseLiveClient();

    connectEarly('token', BOARD, createSocket);
    acquireLiveClient('other token', BOARD, createSocket);
    expect(open()).toEqual([sockets[3]]);
    releaseLiveClient();
  });

  it('keeps a refusal that came before the view: no second handshake, no flicker back to connecting', () => {
    connectEarly('token', BOARD, createSocket);
    sockets[0]?.serverClose(CLOSE_CODES.UNAUTHORISED);
    expect(liveStore.getState().connection.refusal?.reason).toBe('unauthorised');

    acquireLiveClient('token', BOARD, createSocket);
    expect(sockets).toHaveLength(1);
    expect(liveStore.getState().connection.refusal?.reason).toBe('unauthorised');
  });

  it('is dropped when no view has come for it', () => {
    connectEarly('token', BOARD, createSocket);
    vi.advanceTimersByTime(60_000);
    expect(open()).toHaveLength(1);
    releaseEarlyConnection();
    vi.advanceTimersByTime(1);
    expect(open()).toHaveLength(0);
  });
});
