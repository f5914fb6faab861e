import { compareCursors, type Handover, type Organisations } from '@handover/domain';
import {
  CLOSE_CODES,
  type Hello,
  HelloSchema,
  PING_INTERVAL_MS,
  PROTOCOL_VERSION,
  SCOPE_CODE_NAMES,
  type Scope,
  type ServerMessage,
  unknownScopeCodes,
} from '@handover/protocol';
import { StoreUnavailableError } from '@handover/store';
import { Compile } from 'typebox/compile';
import type { WebSocket } from 'ws';
import { matchesScope, scopeWithin } from '../access/access-rules';
import type { Principal } from '../access/principal';
import { eventsMessage } from './events-message';
import type { AppliedEvent, LiveProjection } from './live-projection';

export interface LiveHubOptions {
  projection: LiveProjection;
  organisations: Organisations;
  verify: (token: string) => Promise<Principal | undefined>;
  /** `verify` from the store, not a cache: how connected clients' credentials are checked again. */
  verifyAfresh: (token: string) => Promise<Principal | undefined>;
  now: () => number;
  /**
   * An open handover that arrived longer ago than this (the amendment window) can no longer change:
   * it is a missing stamp, not a patient, and snapshots leave it out so they do not grow for ever.
   */
  openForMs: number;
  /** Unsent bytes beyond which a client is cut off with TOO_SLOW (it resumes on reconnect). */
  maxClientBufferBytes: number;
  /** How many recent events are kept so a reconnecting client can resume instead of re-snapshotting. */
  resumeBufferSize?: number;
  helloTimeoutMs?: number;
  pingIntervalMs?: number;
  /**
   * How often the credentials of connected clients are checked again, so that a revoked one is cut off
   * on every instance, not only refused at the next hello.
   */
  credentialCheckMs?: number;
  log?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
}

interface LiveClient {
  socket: WebSocket;
  scope: Scope;
  scopeKey: string;
  /** Its credential as it said hello: checked again every `credentialCheckMs`. */
  token: string;
  principal: Principal;
  /** Bytes of its snapshot or resume burst: allowed in the send buffer on top of the slow limit. */
  burstBytes: number;
  /**
   * Set when it joined while events were held back (see `publish`): its snapshot or resume already
   * holds every event up to here, so the next flush sends it only the later ones.
   */
  joinedAt?: string | null;
}

/** The clients of one scope: they share each payload. */
interface ScopeGroup {
  scope: Scope;
  clients: Set<LiveClient>;
}

const START_OF_LOG = '0-0';
const SNAPSHOT_WINDOW_MS = 24 * 3_600_000;
const RESUME_CHUNK = 500;
const PING_SLICE = 200;
const OPEN_STATES = new Set(['inbound', 'waiting', 'cohorted', 'handed_over']);
const checkHello = Compile(HelloSchema);

const PAUSED_REASON = 'Recording paused: the event store is unavailable';
/** How often connected clients' credentials are read from the store again. */
const CREDENTIAL_CHECK_MS = 3_000;
/** More hellos than this in a second is a herd of screens coming back (an instance lost, a restart). */
const HERD_HELLOS_PER_SECOND = 100;
/** While a herd joins, sending events takes at most 1 / (1 + this) of the instance's time. */
const HERD_HOLD_FACTOR = 4;

/**
 * Fans the projection's applied events out to websocket clients, each filtered to its scope. Clients
 * are grouped by scope: one payload is built per scope per batch, however many screens share that
 * scope, and only the clients of scopes with something to send are touched.
 */
export class LiveHub {
  private readonly clients = new Map<WebSocket, LiveClient>();
  private readonly scopes = new Map<string, ScopeGroup>();
  /** False while the store is unavailable: clients are closed and hellos refused with TRY_AGAIN_LATER. */
  private storeAvailable = true;
  /** Recent applied events, oldest first; every event after `floor` is in here. */
  private recent: AppliedEvent[] = [];
  private floor: string | null = null;
  /** Applied events not yet sent (held back while a herd joins), and the cursor sent up to. */
  private held: AppliedEvent[] = [];
  private heldTimer: NodeJS.Timeout | undefined;
  private sentUpTo: string | null = null;
  private readonly joined = new Set<LiveClient>();
  /** No flush before this (performance.now()): set after each flush while a herd joins. */
  private nextFlushAt = 0;
  private hellos = { second: 0, count: 0, previous: 0 };
  private readonly pingTimer: NodeJS.Timeout;
  private readonly credentialTimer: NodeJS.Timeout;
  /** True while a credential check awaits the store: a slow store never piles checks up. */
  private checkingCredentials = false;
  private readonly detach: () => void;

  constructor(private readonly options: LiveHubOptions) {
    this.detach = options.projection.onApplied((applied) => this.publish(applied));
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs ?? PING_INTERVAL_MS);
    this.pingTimer.unref();
    this.credentialTimer = setInterval(
      () => void this.checkCredentials(),
      options.credentialCheckMs ?? CREDENTIAL_CHECK_MS,
    );
    this.credentialTimer.unref();
  }

  get connectedClients(): number {
    return this.clients.size;
  }

  /** Distinct scopes among the connected clients. */
  get connectedScopes(): number {
    return this.scopes.size;
  }

  /** Takes a freshly opened socket through hello to live updates. */
  attach(socket: WebSocket): void {
    const timeout = setTimeout(
      () => socket.close(CLOSE_CODES.HELLO_TIMEOUT, 'Say hello first'),
      this.options.helloTimeoutMs ?? 10_000,
    );
    socket.once('message', (data) => {
      clearTimeout(timeout);
      this.greet(socket, data.toString()).catch((error: unknown) => {
        // Checking the credential needs the store: that is "try again later", not a server fault.
        if (error instanceof StoreUnavailableError)
          return socket.close(CLOSE_CODES.TRY_AGAIN_LATER, PAUSED_REASON);
        this.options.log?.warn({ err: error }, 'websocket hello failed');
        socket.close(1011, 'Server error');
      });
    });
    socket.on('close', () => {
      clearTimeout(timeout);
      const client = this.clients.get(socket);
      if (client !== undefined) this.remove(client);
    });
  }

  /** Closes every client, e.g. with RESTARTING so they reconnect to another instance. */
  closeAll(code: number, reason: string): void {
    for (const client of this.clients.values()) client.socket.close(code, reason);
    this.clients.clear();
    this.scopes.clear();
    this.joined.clear();
  }

  /**
   * While the store is unavailable nothing can be recorded or resumed reliably: screens are told to try
   * again later (they show "reconnecting") and come back from their cursor once it is available again.
   */
  setStoreAvailable(available: boolean): void {
    if (available === this.storeAvailable) return;
    this.storeAvailable = available;
    if (!available) this.closeAll(CLOSE_CODES.TRY_AGAIN_LATER, PAUSED_REASON);
  }

  stop(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.credentialTimer);
    clearTimeout(this.heldTimer);
    this.detach();
  }

  private async greet(socket: WebSocket, text: string): Promise<void> {
    const hello = parseHello(text);
    if (hello === undefined)
      return socket.close(CLOSE_CODES.BAD_MESSAGE, 'First message must be a valid hello');
    if (hello.protocolVersion !== PROTOCOL_VERSION) {
      return socket.close(CLOSE_CODES.INCOMPATIBLE_VERSION, `Server speaks protocol ${PROTOCOL_VERSION}`);
    }
    if (!this.storeAvailable) return socket.close(CLOSE_CODES.TRY_AGAIN_LATER, PAUSED_REASON);
    const principal = await this.options.verify(hello.token);
    if (principal === undefined) return socket.close(CLOSE_CODES.UNAUTHORISED, 'Credential not valid');
    // As REST answers 404 for them: a wall board with a typo in its address must not show an empty site.
    const unknown = unknownScopeCodes(hello.scope, this.options.organisations);
    if (unknown.length > 0) {
      return socket.close(CLOSE_CODES.SCOPE_FORBIDDEN, unknownCodesReason(hello.scope, unknown));
    }
    if (!scopeWithin(hello.scope, principal.scope, this.options.organisations)) {
      return socket.close(CLOSE_CODES.SCOPE_FORBIDDEN, 'Scope not allowed for this credential');
    }
    if (socket.readyState !== socket.OPEN) return;

    const client: LiveClient = {
      socket,
      scope: hello.scope,
      scopeKey: JSON.stringify(hello.scope),
      token: hello.token,
      principal,
      burstBytes: 0,
    };
    if (hello.cursor !== undefined) await this.catchUp(hello.cursor);
    // The socket, or the store, may have gone while this hello awaited.
    if (socket.readyState !== socket.OPEN) return;
    if (!this.storeAvailable) return socket.close(CLOSE_CODES.TRY_AGAIN_LATER, PAUSED_REASON);
    // From here to `add` runs without awaiting, so no applied event can fall in between.
    if (hello.cursor !== undefined && this.canResumeFrom(hello.cursor)) this.resume(client, hello.cursor);
    else this.sendSnapshot(client);
    this.countHello();
    this.add(client);
  }

  private add(client: LiveClient): void {
    // Its snapshot or resume covered every applied event, held ones included.
    if (this.held.length > 0) {
      client.joinedAt = this.options.projection.cursor;
      this.joined.add(client);
    }
    this.clients.set(client.socket, client);
    const group = this.scopes.get(client.scopeKey);
    if (group === undefined)
      this.scopes.set(client.scopeKey, { scope: client.scope, clients: new Set([client]) });
    else group.clients.add(client);
  }

  private remove(client: LiveClient): void {
    this.clients.delete(client.socket);
    this.joined.delete(client);
    const group = this.scopes.get(client.scopeKey);
    if (group === undefined) return;
    group.clients.delete(client);
    if (group.clients.size === 0) this.scopes.delete(client.scopeKey);
  }

  /**
   * Checks each credential of the connected clients again, once however many screens share it (a
   * handful of credentials serve thousands), and closes the clients of any revoked meanwhile, as
   * their hello would now be refused.
   */
  private async checkCredentials(): Promise<void> {
    if (this.checkingCredentials) return;
    this.checkingCredentials = true;
    try {
      const tokens = new Set<string>();
      for (const client of this.clients.values()) tokens.add(client.token);
      await Promise.all([...tokens].map((token) => this.checkCredential(token)));
    } finally {
      this.checkingCredentials = false;
    }
  }

  private async checkCredential(token: string): Promise<void> {
    let principal: Principal | undefined;
    try {
      principal = await this.options.verifyAfresh(token);
    } catch (error) {
      // The store did not answer: that says nothing about the credential, so its clients stay (an
      // outage closes every client with TRY_AGAIN_LATER, through `setStoreAvailable`).
      this.options.log?.warn({ err: error }, 'could not check a live credential again; its clients stay');
      return;
    }
    if (principal !== undefined) return;
    // Those that joined while the store was read hold the same credential: they go too.
    const refused = [...this.clients.values()].filter((client) => client.token === token);
    for (const client of refused) {
      this.remove(client);
      client.socket.close(CLOSE_CODES.UNAUTHORISED, 'Credential no longer valid');
    }
    if (refused.length > 0) {
      this.options.log?.info(
        { credential: refused[0]?.principal.credentialId, clients: refused.length },
        'credential revoked: its live clients closed',
      );
    }
  }

  /** A client that was on a further-along instance waits briefly for this one to catch up. */
  private async catchUp(cursor: string): Promise<void> {
    const { projection } = this.options;
    if (compareCursors(cursor, projection.cursor) <= 0) return;
    await Promise.race([projection.waitFor(cursor), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }

  private canResumeFrom(cursor: string): boolean {
    return (
      compareCursors(cursor, this.floor) >= 0 && compareCursors(cursor, this.options.projection.cursor) <= 0
    );
  }

  private resume(client: LiveClient, cursor: string): void {
    this.sendBurst(
      client,
      utf8(
        JSON.stringify({ type: 'resumed', cursor, serverTime: this.options.now() } satisfies ServerMessage),
      ),
    );
    // The buffer is in cursor order: skip straight to the first event after the cursor.
    const missed: AppliedEvent['recorded'][] = [];
    for (let i = this.firstAfter(cursor); i < this.recent.length; i++) {
      const applied = this.recent[i];
      if (applied !== undefined && this.inScope(client.scope, applied.handover))
        missed.push(applied.recorded);
    }
    for (let i = 0; i < missed.length; i += RESUME_CHUNK) {
      this.sendBurst(client, eventsMessage(missed.slice(i, i + RESUME_CHUNK)));
    }
  }

  /** Index of the first remembered event after `cursor` (binary search: `recent` is in cursor order). */
  private firstAfter(cursor: string): number {
    let low = 0;
    let high = this.recent.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = this.recent[mid]?.recorded.cursor ?? null;
      if (compareCursors(at, cursor) > 0) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  private sendSnapshot(client: LiveClient): void {
    const now = this.options.now();
    const handovers: Handover[] = [];
    for (const handover of this.options.projection.handovers.values()) {
      if (!this.inScope(client.scope, handover)) continue;
      const when = handover.arrivedAt ?? handover.expectedAt ?? 0;
      const open = OPEN_STATES.has(handover.state) && when >= now - this.options.openForMs;
      if (open || when >= now - SNAPSHOT_WINDOW_MS) handovers.push(handover);
    }
    const message: ServerMessage = {
      type: 'snapshot',
      cursor: this.options.projection.cursor ?? START_OF_LOG,
      serverTime: now,
      handovers,
    };
    this.sendBurst(client, utf8(JSON.stringify(message)));
  }

  /**
   * Sends applied events to the clients in scope at once, except while a herd of screens is joining:
   * then each send to thousands of sockets is followed by a pause four times as long, and the events
   * applied meanwhile go out together. The instance keeps most of its time for the hellos, so the herd
   * gets back in seconds instead of overflowing the accept queue (whose dropped handshakes TCP retries
   * only after 1, 3, 7 s...). At England's few events a second nothing is ever held.
   */
  private publish(applied: AppliedEvent[]): void {
    this.remember(applied);
    this.held.push(...applied);
    if (this.heldTimer !== undefined) return;
    const wait = this.nextFlushAt - performance.now();
    if (wait <= 0) this.flush();
    else this.heldTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    const started = performance.now();
    const applied = this.held;
    this.held = [];
    this.heldTimer = undefined;
    for (const { scope, clients } of this.scopes.values()) {
      const events: AppliedEvent['recorded'][] = [];
      for (const a of applied) if (this.inScope(scope, a.handover)) events.push(a.recorded);
      if (events.length === 0) continue;
      const payload = eventsMessage(events);
      // `send` may remove a client that is too slow: deleting from a Set while iterating it is safe.
      for (const client of clients) {
        if (client.joinedAt === undefined) this.send(client, payload);
        else this.sendLater(client, events, client.joinedAt);
      }
    }
    for (const client of this.joined) delete client.joinedAt;
    this.joined.clear();
    this.sentUpTo = applied.at(-1)?.recorded.cursor ?? this.sentUpTo;
    const finished = performance.now();
    this.nextFlushAt = this.herdJoining() ? finished + HERD_HOLD_FACTOR * (finished - started) : 0;
  }

  /** To a client that joined while events were held: only those after what its snapshot or resume held. */
  private sendLater(client: LiveClient, events: AppliedEvent['recorded'][], joinedAt: string | null): void {
    const later = events.filter((event) => compareCursors(event.cursor, joinedAt) > 0);
    if (later.length === 0) return;
    this.send(client, eventsMessage(later));
  }

  private countHello(): void {
    this.hellosNow().count += 1;
  }

  private herdJoining(): boolean {
    const { count, previous } = this.hellosNow();
    return Math.max(count, previous) > HERD_HELLOS_PER_SECOND;
  }

  /** Hellos in this second and the one before it. */
  private hellosNow(): { second: number; count: number; previous: number } {
    const second = Math.floor(performance.now() / 1_000);
    if (second !== this.hellos.second) {
      const previous = second === this.hellos.second + 1 ? this.hellos.count : 0;
      this.hellos = { second, count: 0, previous };
    }
    return this.hellos;
  }

  private remember(applied: AppliedEvent[]): void {
    const max = this.options.resumeBufferSize ?? 50_000;
    this.recent.push(...applied);
    if (this.recent.length > max * 1.25) {
      const dropped = this.recent.length - max;
      this.floor = this.recent[dropped - 1]?.recorded.cursor ?? this.floor;
      this.recent = this.recent.slice(dropped);
    }
  }

  /**
   * In slices, yielding between them, so thousands of pings never hold up an event for long. Each ping
   * carries the cursor, so a client whose scope has been quiet still resumes from a recent point.
   */
  private pingAll(): void {
    const clients = [...this.clients.values()];
    let next = 0;
    const slice = () => {
      // Taken per slice: every event up to here has been sent by now.
      const cursor = (this.held.length > 0 ? this.sentUpTo : this.options.projection.cursor) ?? undefined;
      const message: ServerMessage = {
        type: 'ping',
        serverTime: this.options.now(),
        ...(cursor && { cursor }),
      };
      const ping = utf8(JSON.stringify(message));
      for (const end = Math.min(next + PING_SLICE, clients.length); next < end; next++) {
        const client = clients[next];
        if (client !== undefined) this.send(client, ping);
      }
      if (next < clients.length) setImmediate(slice);
    };
    slice();
  }

  /** The snapshot or resume a client asked for: bounded, so it is sent whole and allowed for later. */
  private sendBurst(client: LiveClient, payload: Buffer): void {
    client.burstBytes += payload.length;
    client.socket.send(payload, TEXT);
  }

  /** Sends, or cuts off a client that cannot keep up rather than buffering without bound. */
  private send(client: LiveClient, payload: Buffer): void {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.options.maxClientBufferBytes + client.burstBytes) {
      this.remove(client);
      this.options.log?.warn(
        { credential: client.principal.credentialId },
        'websocket client too slow; closed',
      );
      socket.close(CLOSE_CODES.TOO_SLOW, 'Too slow: reconnect to resume');
      return;
    }
    socket.send(payload, TEXT);
  }

  private inScope(scope: Scope, handover: Handover): boolean {
    return matchesScope(scope, handover, this.options.organisations);
  }
}

/**
 * A payload shared by many clients is encoded once: handed a string, ws would measure and encode it
 * again for every client. Sent as a text frame, so browsers still receive a string.
 */
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const TEXT = { binary: false } as const;

/** Listed in the close reason; a close reason may have at most 123 bytes. */
const MAX_CODES_NAMED = 8;

/** "Unknown site code ZZZ99", "Unknown region code Y99": the codes a hello's scope got wrong. */
function unknownCodesReason(scope: Scope, codes: readonly string[]): string {
  const named = codes.slice(0, MAX_CODES_NAMED).join(', ');
  const more = codes.length > MAX_CODES_NAMED ? ` and ${codes.length - MAX_CODES_NAMED} more` : '';
  return `Unknown ${SCOPE_CODE_NAMES[scope.kind]} code${codes.length > 1 ? 's' : ''} ${named}${more}`;
}

function parseHello(text: string): Hello | undefined {
  try {
    const message: unknown = JSON.parse(text);
    return checkHello.Check(message) ? (message as Hello) : undefined;
  } catch {
    return undefined;
  }
}
