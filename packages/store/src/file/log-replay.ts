import type { RecordedEvent } from '@handover/domain';
import { decodeRecord } from '../recorded-event-codec';
import { fileCursor } from './file-cursor';

export interface LogReplay {
  records: RecordedEvent[];
  /** Bytes at the start of the file holding whole, valid lines. */
  validLength: number;
  /** The final write, cut short by a crash or power cut: it was never acknowledged, so it is dropped. */
  tornTail?: { lineNumber: number; byteLength: number; reason: string };
}

/** A damaged line with good lines after it: not a torn write, so nothing may be silently dropped. */
export class CorruptLogError extends Error {
  override readonly name = 'CorruptLogError';
}

const NEWLINE = 0x0a;

/** Rebuilds the records of an events.log; throws CorruptLogError for damage anywhere but the final line. */
export function replayLog(content: Buffer, fileName: string): LogReplay {
  const records: RecordedEvent[] = [];
  const eventIds = new Set<string>();
  let start = 0;
  let lineNumber = 0;
  while (start < content.length) {
    lineNumber += 1;
    const end = content.indexOf(NEWLINE, start);
    if (end === -1) {
      return tornAt(records, start, content.length, lineNumber, 'no line ending');
    }
    const record = decodeRecord(content.toString('utf8', start, end));
    if (!record) {
      if (end === content.length - 1)
        return tornAt(records, start, content.length, lineNumber, 'not a record');
      throw new CorruptLogError(
        `${fileName} line ${lineNumber} is not a valid record, and later lines follow it, so it is not a torn final write. ` +
          'Refusing to open rather than drop events: restore the file from a backup or repair that line.',
      );
    }
    const expected = fileCursor(lineNumber);
    if (record.cursor !== expected) {
      throw new CorruptLogError(
        `${fileName} line ${lineNumber} has cursor ${record.cursor}, expected ${expected}: lines are missing or out of order.`,
      );
    }
    if (eventIds.has(record.event.eventId)) {
      throw new CorruptLogError(`${fileName} line ${lineNumber} repeats event ${record.event.eventId}.`);
    }
    eventIds.add(record.event.eventId);
    records.push(record);
    start = end + 1;
  }
  return { records, validLength: start };
}

function tornAt(
  records: RecordedEvent[],
  start: number,
  fileLength: number,
  lineNumber: number,
  reason: string,
): LogReplay {
  return { records, validLength: start, tornTail: { lineNumber, byteLength: fileLength - start, reason } };
}
