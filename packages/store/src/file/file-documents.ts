import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertCollectionName, compareKeys, decodeDocument, encodeDocument } from '../documents-codec';
import { hasErrorCode, unavailable } from '../error-message';
import { type DocumentStore, StoreUnavailableError } from '../event-store';
import { TEMP_FILE_SUFFIX, writeFileAtomically } from './atomic-file';

type Collection = ReadonlyMap<string, string>;

/**
 * One JSON file per collection (`documents/<collection>.json`), each document kept as its JSON text.
 * Operations on a collection run one at a time, which makes putIfAbsent atomic within the process
 * (the file store serves exactly one process).
 */
export class FileDocumentStore implements DocumentStore {
  private readonly cache = new Map<string, Collection>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<FileDocumentStore> {
    await mkdir(dir, { recursive: true });
    // Leftovers of writes interrupted by a crash: the target files were never replaced by them.
    for (const name of await readdir(dir)) {
      if (name.endsWith(TEMP_FILE_SUFFIX)) await rm(join(dir, name), { force: true });
    }
    return new FileDocumentStore(dir);
  }

  async putIfAbsent(collection: string, key: string, value: unknown): Promise<boolean> {
    const text = encodeDocument(value);
    return this.exclusive(collection, async (documents) => {
      if (documents.has(key)) return false;
      await this.save(collection, new Map(documents).set(key, text));
      return true;
    });
  }

  async put(collection: string, key: string, value: unknown): Promise<void> {
    const text = encodeDocument(value);
    await this.exclusive(collection, (documents) => this.save(collection, new Map(documents).set(key, text)));
  }

  async get<T = unknown>(collection: string, key: string): Promise<T | undefined> {
    const text = await this.exclusive(collection, (documents) => documents.get(key));
    return text === undefined ? undefined : decodeDocument<T>(text);
  }

  async list<T = unknown>(collection: string): Promise<{ key: string; value: T }[]> {
    const entries = await this.exclusive(collection, (documents) => [...documents]);
    return entries
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, text]) => ({ key, value: decodeDocument<T>(text) }));
  }

  async delete(collection: string, key: string): Promise<void> {
    await this.exclusive(collection, async (documents) => {
      if (!documents.has(key)) return;
      const remaining = new Map(documents);
      remaining.delete(key);
      await this.save(collection, remaining);
    });
  }

  /** Lets queued operations finish, then refuses new ones. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.queues.values());
  }

  private exclusive<T>(collection: string, operation: (documents: Collection) => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The file event store is closed'));
    assertCollectionName(collection);
    const previous = this.queues.get(collection) ?? Promise.resolve();
    const result = previous.then(async () => operation(await this.load(collection)));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(collection, settled);
    void settled.then(() => {
      if (this.queues.get(collection) === settled) this.queues.delete(collection);
    });
    return result;
  }

  private async load(collection: string): Promise<Collection> {
    const cached = this.cache.get(collection);
    if (cached) return cached;
    const fileName = `${collection}.json`;
    let content: string;
    try {
      content = await readFile(join(this.dir, fileName), 'utf8');
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT')) return new Map();
      throw unavailable(`Could not read documents/${fileName}`, error);
    }
    const parsed = parseObject(content);
    if (!parsed)
      throw new Error(`documents/${fileName} does not hold a JSON object: restore it from a backup`);
    const documents = new Map(Object.entries(parsed).map(([key, value]) => [key, encodeDocument(value)]));
    this.cache.set(collection, documents);
    return documents;
  }

  private async save(collection: string, documents: Collection): Promise<void> {
    const fileName = `${collection}.json`;
    const lines = [...documents]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, text]) => `  ${JSON.stringify(key)}: ${text}`);
    try {
      await writeFileAtomically(this.dir, fileName, lines.length ? `{\n${lines.join(',\n')}\n}\n` : '{}\n');
      this.cache.set(collection, documents);
    } catch (error) {
      // The rename may or may not have happened: read the file again next time rather than guess.
      this.cache.delete(collection);
      throw unavailable(`Could not write documents/${fileName}`, error);
    }
  }
}

function parseObject(content: string): object | undefined {
  try {
    const parsed: unknown = JSON.parse(content);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
