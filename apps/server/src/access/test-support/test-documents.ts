import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DocumentStore, openFileEventStore } from '@handover/store';

export interface TestDocuments {
  documents: DocumentStore;
  /** Closes the store and removes its folder. */
  close(): Promise<void>;
}

/** The documents of a real file store in a fresh temporary folder. */
export async function openTestDocuments(): Promise<TestDocuments> {
  const dir = await mkdtemp(join(tmpdir(), 'handover-access-'));
  const store = await openFileEventStore({ dir });
  return {
    documents: store.documents,
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
