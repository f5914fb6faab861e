/**
 * Child process for the kill -9 test: appends to a file store as fast as it can from several
 * concurrent writers and prints each eventId on its own line once its append has resolved.
 * Usage: node --import tsx file-store-writer.ts <dir>
 */
import { openFileEventStore } from '../file-event-store';
import { appendRequest, sampleArrival } from './sample-events';

const WRITERS = 16;
const dir = process.argv[2];
if (!dir) throw new Error('usage: file-store-writer.ts <dir>');
const store = await openFileEventStore({ dir });

async function writeForever(): Promise<void> {
  for (;;) {
    const event = sampleArrival();
    const result = await store.append(appendRequest(event));
    // Writes to a pipe are synchronous on Linux: once printed, the parent can see it.
    if (result.outcome === 'appended') process.stdout.write(`${event.eventId}\n`);
  }
}

await Promise.all(Array.from({ length: WRITERS }, writeForever));
