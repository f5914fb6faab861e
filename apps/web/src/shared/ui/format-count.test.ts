import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count';

describe('counts', () => {
  it('groups thousands with commas, as en-GB does', () => {
    expect(formatCount(2000)).toBe('2,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });
});
