import { afterEach, describe, expect, it, vi } from 'vitest';
import { SharedMap } from './shared-map';

const numbered = (count: number) =>
  SharedMap.from(Array.from({ length: count }, (_, i) => [`key-${i}`, i] as const));

describe('SharedMap', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads like a Map: get, has, size and every entry once', () => {
    const map = numbered(1_000);
    expect(map.size).toBe(1_000);
    expect(map.get('key-517')).toBe(517);
    expect(map.has('key-999')).toBe(true);
    expect(map.has('key-1000')).toBe(false);
    expect(map.get('missing')).toBeUndefined();
    const entries = [...map];
    expect(entries).toHaveLength(1_000);
    expect(new Map(entries)).toEqual(new Map(Array.from({ length: 1_000 }, (_, i) => [`key-${i}`, i])));
    expect([...map.keys()].sort()).toEqual([...new Map(entries).keys()].sort());
    expect([...map.values()].reduce((sum, n) => sum + n, 0)).toBe((999 * 1_000) / 2);
    const seen: number[] = [];
    map.forEach((value, key, owner) => {
      expect(owner).toBe(map);
      expect(key).toBe(`key-${value}`);
      seen.push(value);
    });
    expect(seen).toHaveLength(1_000);
    expect(SharedMap.empty().size).toBe(0);
    expect([...SharedMap.empty()]).toEqual([]);
  });

  it('makes a new version and leaves the old one as it was', () => {
    const before = numbered(100);
    const after = before.update((draft) => {
      draft.set('key-1', -1);
      draft.set('new', 1_000);
      draft.delete('key-2');
    });
    expect(after).not.toBe(before);
    expect([after.get('key-1'), after.get('new'), after.has('key-2'), after.size]).toEqual([
      -1,
      1_000,
      false,
      100,
    ]);
    expect([before.get('key-1'), before.has('new'), before.get('key-2'), before.size]).toEqual([
      1,
      false,
      2,
      100,
    ]);
  });

  it('lets a change read its own writes, and counts a key set twice once', () => {
    const after = SharedMap.empty<number>().update((draft) => {
      draft.set('a', 1);
      draft.set('a', (draft.get('a') ?? 0) + 1);
      draft.delete('a');
      draft.set('a', 3);
    });
    expect([after.get('a'), after.size]).toEqual([3, 1]);
  });

  it('is the same map when a change writes nothing (so its readers see no change)', () => {
    const map = numbered(10);
    expect(map.update(() => undefined)).toBe(map);
    expect(map.update((draft) => draft.delete('missing'))).toBe(map);
  });

  it('copies only the part of the map a change touches', () => {
    const map = numbered(10_000);
    // The Map constructor adds a copied entry with Map.prototype.set: count them.
    const set = vi.spyOn(Map.prototype, 'set');
    const after = map.update((draft) => draft.set('key-42', 0));
    const copied = set.mock.calls.length;
    expect(after.get('key-42')).toBe(0);
    expect(copied).toBeGreaterThan(0);
    // One shard of 64, about 156 entries; a whole copy would be 10,000.
    expect(copied).toBeLessThan(400);
  });
});
