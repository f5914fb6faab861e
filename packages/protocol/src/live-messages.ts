import type { Handover, RecordedEvent } from '@handover/domain';
import Type, { type Static } from 'typebox';
import { ScopeSchema } from './scope';

/**
 * The live websocket protocol at /ws. The client opens with `hello`; the server answers with a
 * `snapshot` (state plus cursor) or, when the client's cursor is still held, `resumed` followed by the
 * missed `events`. From then on `events` carry deltas and `ping` carries the server's clock and cursor. The client
 * drops any event at or before the cursor it holds, so a resume never loses or doubles one.
 */
export const HelloSchema = Type.Object(
  {
    type: Type.Literal('hello'),
    protocolVersion: Type.Integer({ minimum: 1 }),
    token: Type.String({ minLength: 1, maxLength: 200 }),
    scope: ScopeSchema,
    /** The last cursor the client holds, after a reconnect. */
    cursor: Type.Optional(Type.String({ pattern: '^\\d+-\\d+$' })),
  },
  { additionalProperties: false },
);
export type Hello = Static<typeof HelloSchema>;

export type ClientMessage = Hello;

export interface SnapshotMessage {
  type: 'snapshot';
  /** Resume from here; "0-0" is the start of an empty log. */
  cursor: string;
  serverTime: number;
  /** Every handover in scope that is open, or arrived within the last 24 hours. */
  handovers: Handover[];
}

export interface ResumedMessage {
  type: 'resumed';
  /** The client's cursor, accepted: the events that follow are exactly those after it. */
  cursor: string;
  serverTime: number;
}

export interface EventsMessage {
  type: 'events';
  events: RecordedEvent[];
}

export interface PingMessage {
  type: 'ping';
  serverTime: number;
  /**
   * Every event in the client's scope up to here has been sent to it: the client may move its cursor
   * forward to this one (never back), so that after a reconnect it resumes from a recent point even when
   * nothing in its scope has happened for hours (the server then looks through seconds of events, not
   * hours). Absent before the server has applied any event.
   */
  cursor?: string;
}

export type ServerMessage = SnapshotMessage | ResumedMessage | EventsMessage | PingMessage;

/**
 * Close codes: 4xxx mirror HTTP where one fits. 1012 (service restart) means "reconnect elsewhere";
 * 1013 (try again later) means "this server cannot record or stream now (its event store is
 * unavailable): retry with backoff and resume from your cursor".
 */
export const CLOSE_CODES = {
  BAD_MESSAGE: 4400,
  /** At hello, or later: the server closes the connections of a credential revoked meanwhile. */
  UNAUTHORISED: 4401,
  /** Beyond the credential's scope, or naming a code not in the reference data (the reason names it). */
  SCOPE_FORBIDDEN: 4403,
  HELLO_TIMEOUT: 4408,
  INCOMPATIBLE_VERSION: 4426,
  TOO_SLOW: 4429,
  RESTARTING: 1012,
  TRY_AGAIN_LATER: 1013,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Seconds between server pings; a client hearing nothing for 3 intervals treats the data as stale. */
export const PING_INTERVAL_MS = 5_000;
