import { PROTOCOL_VERSION, type Scope, type ServerMessage } from '@handover/protocol';
import WebSocket from 'ws';

/** A real websocket client speaking the live protocol, recording everything it hears. */
export interface LiveTestClient {
  messages: ServerMessage[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first message (already received or future) matching the predicate. */
  next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<ServerMessage, { type: T }>>;
  /** Every event received so far, in arrival order. */
  eventIds(): string[];
  lastCursor(): string | null;
  close(): void;
  socket: WebSocket;
}

export function connectLive(
  baseUrl: string,
  hello: { token: string; scope: Scope; cursor?: string; protocolVersion?: number },
): LiveTestClient {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('open', () =>
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...hello })),
  );
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as ServerMessage);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('error', () => {});
  return {
    socket,
    messages,
    closed,
    next(type, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < messages.length; seen++) {
            const message = messages[seen];
            if (message?.type === type) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(message as Extract<ServerMessage, { type: typeof type }>);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} message within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    eventIds: () =>
      messages.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.event.eventId) : [])),
    lastCursor() {
      let cursor: string | null = null;
      for (const m of messages) {
        if (m.type === 'snapshot') cursor = m.cursor;
        if (m.type === 'events') cursor = m.events.at(-1)?.cursor ?? cursor;
      }
      return cursor;
    },
    close: () => socket.close(),
  };
}

/** Waits until `condition` holds, polling; fails the test with `what` after the timeout. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
