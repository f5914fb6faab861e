import { useRef } from 'react';

/**
 * Whether two plain values (primitives, arrays, plain objects, Maps) hold the same figures. Numbers
 * compare with Object.is, so NaN equals NaN.
 */
export function equalValues(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => equalValues(item, b[index]));
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      if (!b.has(key) || !equalValues(value, b.get(key))) return false;
    }
    return true;
  }
  if (Array.isArray(b) || b instanceof Map) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) &&
        equalValues((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/**
 * `value`, or the one returned before while it holds the same figures: a memoised chart or row given
 * it skips rendering when a refresh changed nothing it shows.
 */
export function useStableValue<T>(value: T): T {
  const kept = useRef(value);
  if (!equalValues(kept.current, value)) kept.current = value;
  return kept.current;
}
