import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The events of one handover as the file store holds them in DATA_DIR/events.log (one JSON record per
 * line, docs/architecture.md): what "recorded exactly once" means, independent of any projection.
 */
export async function storedEvents(
  dataDir: string,
  handoverId: string,
): Promise<{ type: string; eventId: string }[]> {
  const text = await readFile(join(dataDir, 'events.log'), 'utf8');
  const found: { type: string; eventId: string }[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes(handoverId)) continue;
    const { event } = JSON.parse(line) as { event: { type: string; eventId: string; handoverId: string } };
    if (event.handoverId === handoverId) found.push({ type: event.type, eventId: event.eventId });
  }
  return found;
}
