import { randomUUID } from 'node:crypto';
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'LOCK';
// Identifies this process incarnation, so a restarted container that gets the same pid again
// recognises the old lock as stale instead of refusing forever.
const INCARNATION = randomUUID();

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * One process per data folder: two writers on one log would interleave lines and break the cursor
 * order. A lock left by a process that no longer runs (kill -9, power cut) is taken over.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const path = join(dir, LOCK_FILE);
  const mine = `${process.pid} ${INCARNATION}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(mine);
      await handle.close();
      return { release: () => unlink(path).catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readFile(path, 'utf8').catch(() => '');
      if (isHeldByLiveProcess(holder)) {
        const pid = holder.split(' ')[0];
        throw new Error(
          `The data folder ${dir} is in use by process ${pid}. Only one process may use a data folder: stop that process or set DATA_DIR to another folder. (While the server runs, manage credentials through its admin API.)`,
        );
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new Error(`Could not lock the data folder ${dir}; another process keeps taking it.`);
}

function isHeldByLiveProcess(holder: string): boolean {
  const [pidText, incarnation] = holder.split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return incarnation === INCARNATION;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
