import type { Redis } from 'ioredis';
import { assertCollectionName, compareKeys, decodeDocument, encodeDocument } from '../documents-codec';
import type { DocumentStore } from '../event-store';
import { redisCommand } from './redis-errors';

/** One Redis hash per collection (`<prefix>doc:<collection>`), each document as JSON text. */
export class RedisDocumentStore implements DocumentStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async putIfAbsent(collection: string, key: string, value: unknown): Promise<boolean> {
    const hash = this.hashKey(collection);
    const text = encodeDocument(value);
    const stored = await redisCommand('store a document', () => this.redis.hsetnx(hash, key, text));
    return stored === 1;
  }

  async put(collection: string, key: string, value: unknown): Promise<void> {
    const hash = this.hashKey(collection);
    const text = encodeDocument(value);
    await redisCommand('store a document', () => this.redis.hset(hash, key, text));
  }

  async get<T = unknown>(collection: string, key: string): Promise<T | undefined> {
    const hash = this.hashKey(collection);
    const text = await redisCommand('read a document', () => this.redis.hget(hash, key));
    return text === null ? undefined : decodeDocument<T>(text);
  }

  async list<T = unknown>(collection: string): Promise<{ key: string; value: T }[]> {
    const hash = this.hashKey(collection);
    const documents = await redisCommand('list documents', () => this.redis.hgetall(hash));
    return Object.entries(documents)
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, text]) => ({ key, value: decodeDocument<T>(text) }));
  }

  async delete(collection: string, key: string): Promise<void> {
    const hash = this.hashKey(collection);
    await redisCommand('delete a document', () => this.redis.hdel(hash, key));
  }

  private hashKey(collection: string): string {
    assertCollectionName(collection);
    return `${this.keyPrefix}doc:${collection}`;
  }
}
