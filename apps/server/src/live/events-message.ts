import type { RecordedEvent } from '@handover/domain';

const OPEN = Buffer.from('{"type":"events","events":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** Each event's JSON, encoded once: it goes to every screen in scope and into every resume after it. */
const encoded = new WeakMap<RecordedEvent, Buffer>();

function encode(recorded: RecordedEvent): Buffer {
  let bytes = encoded.get(recorded);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(recorded), 'utf8');
    encoded.set(recorded, bytes);
  }
  return bytes;
}

/**
 * The UTF-8 bytes of an `events` message, the same as `JSON.stringify({ type: 'events', events })`,
 * copied together from each event's cached encoding. During a reconnect storm thousands of resumes
 * carry the same recent events: serialising and encoding them again for each was a fifth of the
 * surviving instance's time.
 */
export function eventsMessage(events: readonly RecordedEvent[]): Buffer {
  const parts: Buffer[] = [OPEN];
  let length = OPEN.length + CLOSE.length;
  for (const recorded of events) {
    if (parts.length > 1) {
      parts.push(COMMA);
      length += COMMA.length;
    }
    const bytes = encode(recorded);
    parts.push(bytes);
    length += bytes.length;
  }
  parts.push(CLOSE);
  return Buffer.concat(parts, length);
}
