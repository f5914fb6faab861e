import { compareCursors } from '@handover/domain';
import { CLOSE_CODES, PROTOCOL_VERSION, type ServerMessage } from '@handover/protocol';
import WebSocket, { type RawData } from 'ws';
// The browser's own reconnect policy, imported (not copied) so the bench measures what screens do.
import { reconnectDelay } from '../../apps/web/src/shared/live-client/backoff';
import { nowMs } from './clock';
import type { ClientSpec } from './worker-api';

/** Closes no retry can fix (as in the web app's live client): the screen gives up. */
const REFUSALS = new Set<number>([
  CLOSE_CODES.UNAUTHORISED,
  CLOSE_CODES.SCOPE_FORBIDDEN,
  CLOSE_CODES.INCOMPATIBLE_VERSION,
  CLOSE_CODES.BAD_MESSAGE,
]);
const EVENTS_PREFIX = '{"type":"events"';
const EVENT_ID = /"eventId":"([^"]+)"/g;
const CURSOR_KEY = '"cursor":"';

/** Maps event ids to small integers for the current window, so thousands of clients share one string each. */
export class EventIds {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  intern(id: string): number {
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.index.set(id, n);
    }
    return n;
  }

  clear(): void {
    this.ids.length = 0;
    this.index.clear();
  }
}

export interface Recovery {
  lostAt: number;
  at: number;
  how: 'resumed' | 'snapshot';
  /** Connection attempts it took. */
  attempts: number;
}

/**
 * One simulated screen speaking the real live protocol: hello (with its cursor after a reconnect),
 * snapshot or resume, events. It records what arrives as cheaply as it can (the receive instant first,
 * then only the event ids and the last cursor are picked out of the text), and reconnects with the web
 * app's backoff, moving to the next server in its list each time.
 */
export class BenchClient {
  /** Interned event ids received in the current window, with their receive instants. */
  received: number[] = [];
  times: number[] = [];
  disconnects = 0;
  resumes = 0;
  resnapshots = 0;
  closeCodes: Record<string, number> = {};
  lastRecovery: Recovery | undefined;
  refusal: string | undefined;

  private socket: WebSocket | undefined;
  private urlIndex = 0;
  private cursor: string | null = null;
  private hasSnapshot = false;
  private attempt = 0;
  private downSince: number | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private firstLive: ((error?: Error) => void) | undefined;

  constructor(
    readonly spec: ClientSpec,
    private readonly eventIds: EventIds,
    private readonly onDeliveries: (count: number) => void,
  ) {}

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** Connects; resolves once the first snapshot is in, rejects if refused or not live within `timeoutMs`. */
  start(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => settle(new Error('no snapshot in time')), timeoutMs);
      const settle = (error?: Error) => {
        clearTimeout(timeout);
        this.firstLive = undefined;
        if (error) reject(error);
        else resolve();
      };
      this.firstLive = settle;
      this.connect();
    });
  }

  resetWindow(): void {
    this.received = [];
    this.times = [];
    this.disconnects = 0;
    this.resumes = 0;
    this.resnapshots = 0;
    this.closeCodes = {};
  }

  /** A client still reconnecting gives up (counted as down): no new resume starts while results are read. */
  freezeIfDown(): void {
    if (this.downSince === undefined || this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.terminate();
    this.socket = undefined;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'Bench finished');
    this.socket = undefined;
  }

  private connect(): void {
    const url = this.spec.urls[this.urlIndex % this.spec.urls.length] ?? '';
    // As a dashboard in Chromium: it waits up to 240 s for the opening handshake (Chromium's
    // kHandshakeTimeoutIntervalInSeconds). Giving up sooner and retrying sends a herd back a second time.
    const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 240_000 });
    this.socket = socket;
    socket.on('open', () => {
      const resume = this.hasSnapshot && this.cursor !== null ? { cursor: this.cursor } : {};
      socket.send(
        JSON.stringify({
          type: 'hello',
          protocolVersion: PROTOCOL_VERSION,
          token: this.spec.token,
          scope: this.spec.scope,
          ...resume,
        }),
      );
    });
    socket.on('message', (data: RawData) => this.receive(data));
    // An error is always followed by a close, which decides what happens next.
    socket.on('error', () => undefined);
    socket.on('close', (code: number) => this.closed(socket, code));
  }

  private receive(data: RawData): void {
    const at = nowMs();
    const text = data.toString();
    if (text.startsWith(EVENTS_PREFIX)) {
      let count = 0;
      for (const match of text.matchAll(EVENT_ID)) {
        const id = match[1];
        if (id === undefined) continue;
        this.received.push(this.eventIds.intern(id));
        this.times.push(at);
        count += 1;
      }
      const start = text.lastIndexOf(CURSOR_KEY);
      if (start >= 0) {
        const from = start + CURSOR_KEY.length;
        this.cursor = text.slice(from, text.indexOf('"', from));
      }
      this.onDeliveries(count);
      return;
    }
    const message = JSON.parse(text) as ServerMessage;
    if (message.type === 'snapshot') {
      this.cursor = message.cursor;
      this.hasSnapshot = true;
      this.live(at, 'snapshot');
    } else if (message.type === 'resumed') {
      this.live(at, 'resumed');
    } else if (message.type === 'ping' && this.hasSnapshot && message.cursor !== undefined) {
      // As the web app's store does: forward only.
      if (compareCursors(message.cursor, this.cursor) > 0) this.cursor = message.cursor;
    }
  }

  private live(at: number, how: Recovery['how']): void {
    if (this.downSince !== undefined) {
      this.lastRecovery = { lostAt: this.downSince, at, how, attempts: this.attempt };
      if (how === 'resumed') this.resumes += 1;
      else this.resnapshots += 1;
      this.downSince = undefined;
    }
    this.attempt = 0;
    this.firstLive?.();
  }

  private closed(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.closeCodes[code] = (this.closeCodes[code] ?? 0) + 1;
    if (this.stopped) return;
    if (REFUSALS.has(code)) {
      this.stopped = true;
      this.refusal = `closed with ${code}`;
      this.firstLive?.(new Error(this.refusal));
      return;
    }
    if (this.downSince === undefined) {
      this.downSince = nowMs();
      this.disconnects += 1;
    }
    this.attempt += 1;
    this.urlIndex += 1;
    this.timer = setTimeout(() => this.connect(), reconnectDelay(this.attempt, Math.random()));
  }
}
