import { describe, expect, it } from 'vitest';
import { formatLondonTimeNear } from './format-time';

describe('formatLondonTimeNear', () => {
  const now = Date.parse('2026-11-22T09:36:00Z');

  it('gives a time of the same London day alone', () => {
    expect(formatLondonTimeNear(Date.parse('2026-11-22T00:05:00Z'), now)).toBe('00:05');
  });

  it('dates a time of another London day', () => {
    expect(formatLondonTimeNear(Date.parse('2026-11-21T11:29:00Z'), now)).toBe('11:29 (21 Nov)');
    expect(formatLondonTimeNear(Date.parse('2026-11-21T23:59:00Z'), now)).toBe('23:59 (21 Nov)');
  });

  it('takes the day from the London wall clock, not UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    const summerNow = Date.parse('2026-07-01T08:00:00Z');
    expect(formatLondonTimeNear(Date.parse('2026-06-30T23:30:00Z'), summerNow)).toBe('00:30');
    expect(formatLondonTimeNear(Date.parse('2026-06-30T22:30:00Z'), summerNow)).toBe('23:30 (30 Jun)');
  });
});
