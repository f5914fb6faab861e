import type { RecordedEvent } from '@handover/domain';

const OPEN = Buffer.from('{"type":"events","events":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/**
 * How many events' encodings are kept: the most recent, which a flush and nearly every resume carry
 * (a screen resumes from within seconds of where it left). An hour of England's events, 100 s at the
 * bench's 100 a second; about 4 MB of bytes. Older ones are encoded again when a long-lost screen asks.
 */
export const CACHED_ENCODINGS = 10_000;

/** Insertion order is age order: the first key is the oldest encoding. */
const encoded = new Map<RecordedEvent, Buffer>();

/**
 * An event's JSON as UTF-8, the same Buffer while it is among the last CACHED_ENCODINGS encoded. Its
 * own allocation, not a slice of Node's shared 8 KB pool, which it would keep alive whole.
 */
export function encodedEvent(recorded: RecordedEvent): Buffer {
  let bytes = encoded.get(recorded);
  if (bytes === undefined) {
    const json = JSON.stringify(recorded);
    bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json, 'utf8'));
    bytes.write(json, 'utf8');
    encoded.set(recorded, bytes);
    if (encoded.size > CACHED_ENCODINGS) encoded.delete(encoded.keys().next().value as RecordedEvent);
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
