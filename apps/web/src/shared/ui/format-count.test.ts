import { describe, expect, it } from 'vitest';
import { formatCount, formatCountOf } from './format-count';

describe('counts', () => {
  it('groups thousands with commas, as en-GB does', () => {
    expect(formatCount(2000)).toBe('2,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('says one patient, and two patients', () => {
    expect(formatCountOf(1, 'patient')).toBe('1 patient');
    expect(formatCountOf(2, 'patient')).toBe('2 patients');
    expect(formatCountOf(0, 'crew')).toBe('0 crews');
    expect(formatCountOf(2000, 'handover')).toBe('2,000 handovers');
  });
});
