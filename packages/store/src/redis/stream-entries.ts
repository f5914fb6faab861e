import type { RecordedEvent } from '@handover/domain';
import { decodeRecord } from '../recorded-event-codec';

/** Field of a stream entry holding the record JSON (without cursor: the entry id is the cursor). */
export const RECORD_FIELD = 'r';

export interface DecodedEntries {
  records: RecordedEvent[];
  /** Id of the last entry seen, malformed or not: reading resumes after it. */
  lastId: string | undefined;
}

export type MalformedEntryHandler = (id: string, problem: string) => void;

/** The record already held for a stream id (one this process appended), so it need not be decoded. */
export type KnownRecord = (id: string) => RecordedEvent | undefined;

/** Decodes an XRANGE reply: `[[id, [field, value, ...]], ...]`. */
export function decodeRangeReply(
  reply: unknown,
  onMalformed: MalformedEntryHandler,
  known?: KnownRecord,
): DecodedEntries {
  if (!Array.isArray(reply)) throw new Error(`Unexpected stream reply: ${JSON.stringify(reply)}`);
  const records: RecordedEvent[] = [];
  let lastId: string | undefined;
  for (const entry of reply) {
    const [id, fields]: unknown[] = Array.isArray(entry) ? entry : [];
    if (typeof id !== 'string' || !Array.isArray(fields)) {
      throw new Error(`Unexpected stream entry: ${JSON.stringify(entry)}`);
    }
    lastId = id;
    const held = known?.(id);
    if (held !== undefined) {
      records.push(held);
      continue;
    }
    const recordJson = fieldValue(fields, RECORD_FIELD);
    const record = recordJson === undefined ? undefined : decodeRecord(recordJson, id);
    if (record) records.push(record);
    else onMalformed(id, recordJson === undefined ? `no "${RECORD_FIELD}" field` : 'not a valid record');
  }
  return { records, lastId };
}

/** Decodes an XREAD reply for one stream: null on timeout, else `[[streamKey, entries]]`. */
export function decodeReadReply(
  reply: unknown,
  onMalformed: MalformedEntryHandler,
  known?: KnownRecord,
): DecodedEntries {
  if (reply === null) return { records: [], lastId: undefined };
  const [stream]: unknown[] = Array.isArray(reply) ? reply : [];
  const [, entries]: unknown[] = Array.isArray(stream) ? stream : [];
  if (entries === undefined) throw new Error(`Unexpected XREAD reply: ${JSON.stringify(reply)}`);
  return decodeRangeReply(entries, onMalformed, known);
}

function fieldValue(fields: unknown[], name: string): string | undefined {
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const value = fields[index + 1];
    if (fields[index] === name && typeof value === 'string') return value;
  }
  return undefined;
}
