import type { RecordedEvent } from '@handover/domain';

const OPEN = Buffer.from('{"type":"events","events":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** Each event's JSON, encoded once: it goes to every screen in scope and into every resume after it. */
const encoded = new WeakMap<RecordedEvent, Buffer>();

/**
 * An event's JSON as UTF-8, the same Buffer every time. Its own allocation, not a slice of Node's
 * shared 8 KB pool: kept for as long as the event is in the resume buffer (tens of thousands), a slice
 * would keep alive the whole pool chunk, and everything else allocated from it, with it.
 */
export function encodedEvent(recorded: RecordedEvent): Buffer {
  let bytes = encoded.get(recorded);
  if (bytes === undefined) {
    const json = JSON.stringify(recorded);
    bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json, 'utf8'));
    bytes.write(json, 'utf8');
    encoded.set(recorded, bytes);
  }
  return bytes;
}

/**
 * The UTF-8 bytes of an `events` message, the same as `JSON.stringify({ type: 'events', events })`,
 * copied together from each event's cached encoding. During a reconnect storm thousands of resumes
 * carry the same recent events, and every flush sends each event to many scopes.
 */
export function eventsMessage(events: readonly RecordedEvent[]): Buffer {
  const parts: Buffer[] = [OPEN];
  let length = OPEN.length + CLOSE.length;
  for (const recorded of events) {
    if (parts.length > 1) {
      parts.push(COMMA);
      length += COMMA.length;
    }
    const bytes = encodedEvent(recorded);
    parts.push(bytes);
    length += bytes.length;
  }
  parts.push(CLOSE);
  return Buffer.concat(parts, length);
}
