import { describe, expect, it } from 'vitest';
import { compareCursors } from './cursor';

describe('compareCursors', () => {
  it('orders numerically, not as text', () => {
    expect(compareCursors('9-0', '10-0')).toBeLessThan(0);
    expect(compareCursors('10-2', '10-11')).toBeLessThan(0);
    expect(compareCursors('10-11', '10-2')).toBeGreaterThan(0);
    expect(compareCursors('7-3', '7-3')).toBe(0);
  });

  it('puts the start of the log (null) first', () => {
    expect(compareCursors(null, '0-1')).toBeLessThan(0);
    expect(compareCursors('0-1', null)).toBeGreaterThan(0);
    expect(compareCursors(null, null)).toBe(0);
  });
});
