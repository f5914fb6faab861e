import { describe, expect, it } from 'vitest';
import { formatClock, formatDurationWords, formatHoursMinutes, formatPercent } from './format-duration';
import { formatLondonTime } from './format-time';
import { shortTrustName } from './trust-names';

describe('formatters', () => {
  it('shows a running clock as mm:ss under an hour and h:mm:ss from an hour', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(65_999)).toBe('01:05');
    expect(formatClock(59 * 60_000 + 59_000)).toBe('59:59');
    expect(formatClock(3_600_000 + 2 * 60_000 + 9_000)).toBe('1:02:09');
    expect(formatClock(-5_000)).toBe('00:00');
  });

  it('writes durations in words', () => {
    expect(formatDurationWords(45_000)).toBe('45 s');
    expect(formatDurationWords(12 * 60_000)).toBe('12 min');
    expect(formatDurationWords(65 * 60_000)).toBe('1 h 05 min');
    expect(formatHoursMinutes(5 * 3_600_000 + 12 * 60_000)).toBe('5 h 12 min');
    expect(formatPercent(0.6449)).toBe('64%');
    expect(formatPercent(null)).toBe('–');
  });

  it('shows times on the London wall clock, summer and winter', () => {
    expect(formatLondonTime(Date.parse('2026-01-12T14:05:00Z'))).toBe('14:05');
    expect(formatLondonTime(Date.parse('2026-07-12T14:05:00Z'))).toBe('15:05');
  });

  it('shortens trust names to the part people say', () => {
    expect(shortTrustName('West Midlands Ambulance Service University NHS Foundation Trust')).toBe(
      'West Midlands Ambulance Service',
    );
    expect(shortTrustName('East Midlands Ambulance Service NHS Trust')).toBe(
      'East Midlands Ambulance Service',
    );
    expect(shortTrustName('Isle of Wight')).toBe('Isle of Wight');
  });
});
