import {
  CLOSE_CODES,
  type Hello,
  PING_INTERVAL_MS,
  PROTOCOL_VERSION,
  type Scope,
  type ServerMessage,
} from '@handover/protocol';
import type { StoreApi } from 'zustand/vanilla';
import type { LiveState, RefusalReason } from '../../stores/live-store';
import { reconnectDelay } from './backoff';
import type { CreateSocket, LiveSocket } from './socket';

export interface LiveClientOptions {
  url: string;
  token: string;
  scope: Scope;
  store: StoreApi<LiveState>;
  createSocket: CreateSocket;
  /** [0, 1): the jitter source; injectable so tests are exact. */
  random?: () => number;
  now?: () => number;
}

/** Closes that no retry can fix: the screen explains and waits for a person. */
const REFUSALS: ReadonlyMap<number, { reason: RefusalReason; message: string }> = new Map([
  // At hello, or at any time after: the server closes the screens of a credential revoked meanwhile.
  [
    CLOSE_CODES.UNAUTHORISED,
    { reason: 'unauthorised', message: 'The server did not accept this credential.' },
  ],
  // Also a scope naming a code the server does not know: the screen tells them apart by its directory.
  [
    CLOSE_CODES.SCOPE_FORBIDDEN,
    { reason: 'forbidden', message: 'This credential does not cover this screen.' },
  ],
  [
    CLOSE_CODES.INCOMPATIBLE_VERSION,
    { reason: 'incompatible', message: 'This screen is older than the server. Reload the page.' },
  ],
  // The server could not read our hello: resending the same one cannot help, a newer page might.
  [
    CLOSE_CODES.BAD_MESSAGE,
    { reason: 'incompatible', message: 'The server could not read this screen’s request.' },
  ],
]);

/** Silent this long and the connection is presumed dead (a half-open TCP link): drop it and reconnect. */
const DEAD_AFTER_MS = 4 * PING_INTERVAL_MS;
/** Our own close code for a connection we dropped as dead (4000-4999 are for applications). */
const CLOSE_DEAD = 4000;

/**
 * The browser end of the live protocol: hello, snapshot or resume, events, pings; reconnects with
 * backoff and resumes from the cursor the store holds. Writes only through the store's actions.
 */
export class LiveClient {
  readonly scopeKey: string;
  private socket: LiveSocket | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private stopped = true;
  private refusedByServer = false;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: LiveClientOptions) {
    this.scopeKey = JSON.stringify(options.scope);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  get token(): string {
    return this.options.token;
  }

  /** False once stopped, including after the server refused the credential or the scope. */
  get isRunning(): boolean {
    return !this.stopped;
  }

  /** Whether it stopped because the server refused it: asking again the same way gets the same answer. */
  get wasRefused(): boolean {
    return this.refusedByServer;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const state = this.options.store.getState();
    if (state.scopeKey !== this.scopeKey) state.reset(this.scopeKey);
    globalThis.addEventListener?.('online', this.onOnline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.onOnline);
    clearTimeout(this.reconnectTimer);
    clearInterval(this.watchdog);
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined) {
      this.detach(socket);
      socket.close(1000, 'Screen closed');
    }
  }

  private connect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const store = this.options.store.getState();
    store.connecting(this.now());
    let socket: LiveSocket;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.lost();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.sayHello(socket);
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.closed(socket, event.code);
    // An error is always followed by a close, which is where the reconnect is decided.
    socket.onerror = null;
  }

  private sayHello(socket: LiveSocket): void {
    const { cursor, hasSnapshot } = this.options.store.getState();
    const hello: Hello = {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      token: this.options.token,
      scope: this.options.scope,
      // Resume only what this scope's snapshot started; otherwise ask for a fresh one.
      ...(hasSnapshot && cursor !== null ? { cursor } : {}),
    };
    socket.send(JSON.stringify(hello));
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => this.checkAlive(), PING_INTERVAL_MS);
  }

  private receive(data: unknown): void {
    const message = parseServerMessage(data);
    if (message === undefined) return;
    const store = this.options.store.getState();
    const at = this.now();
    switch (message.type) {
      case 'snapshot':
        store.snapshot(message.handovers, message.cursor, message.serverTime, at);
        return;
      case 'resumed':
        store.resumed(message.serverTime, at);
        return;
      case 'events':
        store.events(message.events, at);
        return;
      case 'ping':
        store.ping(message.serverTime, at, message.cursor);
        store.forgetFinished(message.serverTime);
        return;
    }
  }

  private closed(socket: LiveSocket, code: number): void {
    if (socket !== this.socket) return;
    this.detach(socket);
    this.socket = undefined;
    clearInterval(this.watchdog);
    if (this.stopped) return;
    const refusal = REFUSALS.get(code);
    if (refusal !== undefined) {
      this.stop();
      this.refusedByServer = true;
      this.options.store.getState().refused(refusal.reason, refusal.message);
      return;
    }
    // Restarting (1012), try again later (1013), too slow (4429), network drops and the rest: try again.
    this.lost(code === CLOSE_CODES.TRY_AGAIN_LATER);
  }

  /** `recordingPaused`: the server is reachable but cannot record (it said "try again later"). */
  private lost(recordingPaused = false): void {
    const store = this.options.store.getState();
    store.disconnected(this.now(), recordingPaused);
    const { attempt } = this.options.store.getState().connection;
    this.reconnectTimer = setTimeout(() => this.connect(), reconnectDelay(attempt, this.random()));
  }

  /** A connection that has heard nothing for several pings is dropped and replaced. */
  private checkAlive(): void {
    const socket = this.socket;
    const { lastHeardAt } = this.options.store.getState().connection;
    if (socket === undefined || lastHeardAt === null) return;
    if (this.now() - lastHeardAt > DEAD_AFTER_MS) {
      socket.close(CLOSE_DEAD, 'No pings');
      // Some browsers delay the close event of a dead link: do not wait for it.
      this.closed(socket, CLOSE_DEAD);
    }
  }

  private readonly onOnline = (): void => {
    // The network is back: skip the rest of the backoff.
    if (this.reconnectTimer !== undefined && !this.stopped) this.connect();
  };

  private detach(socket: LiveSocket): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
  }
}

const MESSAGE_TYPES = new Set(['snapshot', 'resumed', 'events', 'ping']);

function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const message: unknown = JSON.parse(data);
    const type = (message as { type?: unknown } | null)?.type;
    return typeof type === 'string' && MESSAGE_TYPES.has(type) ? (message as ServerMessage) : undefined;
  } catch {
    return undefined;
  }
}
