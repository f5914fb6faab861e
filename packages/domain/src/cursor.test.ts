import { describe, expect, it } from 'vitest';
import { compareCursors } from './cursor';

describe('compareCursors', () => {
  it('orders numerically, not as text', () => {
    expect(compareCursors('9-0', '10-0')).toBeLessThan(0);
    expect(compareCursors('10-2', '10-11')).toBeLessThan(0);
    expect(compareCursors('10-11', '10-2')).toBeGreaterThan(0);
    expect(compareCursors('7-3', '7-3')).toBe(0);
  });

  it('orders parts of equal length as it orders any others', () => {
    const cursors = [
      '1763712345678-0',
      '1763712345678-9',
      '1763712345679-0',
      '1763712345679-10',
      '999-99',
      '1000-0',
    ];
    for (const a of cursors) {
      for (const b of cursors) {
        const [aHigh = 0, aLow = 0] = a.split('-').map(Number);
        const [bHigh = 0, bLow = 0] = b.split('-').map(Number);
        expect(Math.sign(compareCursors(a, b)), `${a} vs ${b}`).toBe(Math.sign(aHigh - bHigh || aLow - bLow));
      }
    }
  });

  it('puts the start of the log (null) first', () => {
    expect(compareCursors(null, '0-1')).toBeLessThan(0);
    expect(compareCursors('0-1', null)).toBeGreaterThan(0);
    expect(compareCursors(null, null)).toBe(0);
  });
});
