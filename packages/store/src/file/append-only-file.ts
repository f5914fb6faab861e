import type { FileHandle } from 'node:fs/promises';

/**
 * An append-only file that is either fully written and synced, or left exactly as it was: a failed
 * append (disk full, I/O error) is cut back to the last good length, so no half-written line stays
 * behind, and the next append retries the cut if the disk refused even that.
 */
export class AppendOnlyFile {
  private cutPending = false;

  /** `handle` must be opened in append mode; `length` is the size of the file's known-good content. */
  constructor(
    private readonly handle: FileHandle,
    private length: number,
  ) {}

  /** Resolves once `data` is written and on disk (fdatasync covers the size change too). */
  async append(data: Buffer): Promise<void> {
    if (this.cutPending) await this.cutBack();
    try {
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await this.handle.write(data, written, data.length - written);
        if (bytesWritten === 0) throw new Error('The file system accepted no bytes');
        written += bytesWritten;
      }
      await this.handle.datasync();
      this.length += data.length;
    } catch (error) {
      this.cutPending = true;
      await this.cutBack().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private async cutBack(): Promise<void> {
    await this.handle.truncate(this.length);
    await this.handle.datasync();
    this.cutPending = false;
  }
}
