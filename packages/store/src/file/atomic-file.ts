import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const TEMP_FILE_SUFFIX = '.tmp';
let tempFileCounter = 0;

/**
 * Replaces `dir/name` with `data` so that a crash leaves either the old or the new file, never a mix:
 * write a temporary file, sync it, rename it over the target, sync the directory (the rename itself).
 */
export async function writeFileAtomically(dir: string, name: string, data: string): Promise<void> {
  tempFileCounter += 1;
  const temp = join(dir, `${name}.${process.pid}.${tempFileCounter}${TEMP_FILE_SUFFIX}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
    await syncDirectory(dir);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Makes a file's creation or rename in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
