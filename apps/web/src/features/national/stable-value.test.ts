import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { equalValues, useStableValue } from './stable-value';

describe('stable values', () => {
  it('compares figures, not identities', () => {
    expect(equalValues({ a: [1, 2, { b: null }] }, { a: [1, 2, { b: null }] })).toBe(true);
    expect(equalValues(Number.NaN, Number.NaN)).toBe(true);
    expect(equalValues(new Map([['x', [1]]]), new Map([['x', [1]]]))).toBe(true);
    expect(equalValues({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(equalValues({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(equalValues({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false);
    expect(equalValues([1], { 0: 1 })).toBe(false);
    expect(equalValues(new Map([['x', 1]]), new Map([['y', 1]]))).toBe(false);
    expect(equalValues(null, {})).toBe(false);
  });

  it('keeps the first of equal values and takes a changed one', () => {
    const first = [{ count: 1 }];
    const { result, rerender } = renderHook(({ value }) => useStableValue(value), {
      initialProps: { value: first },
    });
    act(() => rerender({ value: [{ count: 1 }] }));
    expect(result.current).toBe(first);
    const changed = [{ count: 2 }];
    act(() => rerender({ value: changed }));
    expect(result.current).toBe(changed);
  });
});
