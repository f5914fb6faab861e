import { describe, expect, it } from 'vitest';
import {
  ENGLAND_2025,
  ENGLAND_THRESHOLDS,
  isOver,
  MINUTE_MS,
  type Thresholds,
  thresholdsAt,
} from './thresholds';

describe('thresholdsAt', () => {
  const older: Thresholds = { ...ENGLAND_2025, version: 'old', effectiveFrom: 0, targetMinutes: 20 };
  const newer: Thresholds = { ...ENGLAND_2025, version: 'new', effectiveFrom: Date.UTC(2026, 0, 1) };
  const table = [newer, older];

  it('judges history by the rules of its day', () => {
    expect(thresholdsAt(table, Date.UTC(2025, 11, 31, 23, 59)).version).toBe('old');
    expect(thresholdsAt(table, Date.UTC(2026, 0, 1)).version).toBe('new');
  });

  it('refuses an instant before any rule', () => {
    expect(() => thresholdsAt([newer], Date.UTC(2020, 0, 1))).toThrow(RangeError);
  });

  it("ships England's defaults", () => {
    const england = thresholdsAt(ENGLAND_THRESHOLDS, Date.now());
    expect(england.targetMinutes).toBe(15);
    expect(england.bandMinutes).toEqual([15, 30, 45, 60]);
    expect(england.maximumMinutes).toBe(45);
    expect(england.handoverToClearMinutes).toBe(15);
    expect(england.turnaroundMinutes).toBe(30);
    expect(england.contract).toEqual({ within15: 0.65, within30: 0.95, within60: 1 });
    expect(england.hoursLostBasisMinutes).toBe(15);
  });
});

describe('isOver', () => {
  it('means strictly more than N x 60 seconds', () => {
    expect(isOver(15 * MINUTE_MS, 15)).toBe(false);
    expect(isOver(15 * MINUTE_MS + 1, 15)).toBe(true);
  });
});
