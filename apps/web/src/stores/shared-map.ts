/** Enough that a change copies about 1/64 of the map: 160 entries of a national day's 10,000. */
const SHARDS = 64;

/**
 * An immutable map from string keys whose versions share structure: a change copies only the shards
 * (small Maps) it touches. The live store makes a new version of its handovers on every event; a
 * national screen holds a day of them (10,000 and more, three events a second), and copying them all
 * each time was most of what the page allocated. Iterates shard by shard, each in insertion order:
 * readers that need an order sort.
 */
export class SharedMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly shards: readonly ReadonlyMap<string, V>[],
    readonly size: number,
  ) {}

  static empty<V>(): SharedMap<V> {
    return new SharedMap<V>(
      Array.from({ length: SHARDS }, () => new Map<string, V>()),
      0,
    );
  }

  static from<V>(entries: Iterable<readonly [string, V]>): SharedMap<V> {
    return SharedMap.empty<V>().update((draft) => {
      for (const [key, value] of entries) draft.set(key, value);
    });
  }

  get(key: string): V | undefined {
    return this.shards[shardIndex(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.shards[shardIndex(key)]?.has(key) ?? false;
  }

  /** A version with `change` applied, copying each shard on its first write; this map if nothing was written. */
  update(change: (draft: SharedMapDraft<V>) => void): SharedMap<V> {
    const draft = new Draft(this.shards, this.size);
    change(draft);
    return draft.copied.size === 0 ? this : new SharedMap(draft.shards, draft.size);
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, V]> {
    return new ShardsIterator(this.shards, (shard) => shard.entries());
  }

  keys(): MapIterator<string> {
    return new ShardsIterator(this.shards, (shard) => shard.keys());
  }

  values(): MapIterator<V> {
    return new ShardsIterator(this.shards, (shard) => shard.values());
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/** Walks the shards' own iterators in turn: about as fast as a Map's, where a generator was ten times slower. */
class ShardsIterator<S, T> implements MapIterator<T> {
  private position = 0;
  private current: Iterator<T> | undefined;

  constructor(
    private readonly shards: readonly S[],
    private readonly open: (shard: S) => Iterator<T>,
  ) {}

  next(): IteratorResult<T, undefined> {
    for (;;) {
      const step = this.current?.next();
      if (step !== undefined && step.done !== true) return step;
      const shard = this.shards[this.position++];
      if (shard === undefined) return { done: true, value: undefined };
      this.current = this.open(shard);
    }
  }

  [Symbol.iterator](): MapIterator<T> {
    return this;
  }
}

export interface SharedMapDraft<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
}

class Draft<V> implements SharedMapDraft<V> {
  readonly shards: ReadonlyMap<string, V>[];
  /** Shards copied so far, by index: the rest are still the base map's. */
  readonly copied = new Set<number>();

  constructor(
    base: readonly ReadonlyMap<string, V>[],
    public size: number,
  ) {
    this.shards = [...base];
  }

  get(key: string): V | undefined {
    return this.shards[shardIndex(key)]?.get(key);
  }

  set(key: string, value: V): void {
    const shard = this.writable(key);
    if (!shard.has(key)) this.size += 1;
    shard.set(key, value);
  }

  delete(key: string): void {
    if (!this.shards[shardIndex(key)]?.has(key)) return;
    this.writable(key).delete(key);
    this.size -= 1;
  }

  private writable(key: string): Map<string, V> {
    const index = shardIndex(key);
    if (!this.copied.has(index)) {
      this.copied.add(index);
      this.shards[index] = new Map(this.shards[index]);
    }
    return this.shards[index] as Map<string, V>;
  }
}

/** A string hash (Java's), folded to a shard: keys are UUIDs in use, but anything spreads well enough. */
function shardIndex(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % SHARDS;
}
